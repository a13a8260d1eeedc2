"use client";
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import type { CoverCrop } from "@/features/studio/schemas";
import { CONTENT_LANGUAGES } from "@/lib/languages";
import { callApi } from "./api";
import { BusyButton, useFormState } from "./form-state";
import { Field } from "./field";
import { MarkdownField } from "./markdown-field";
import { CoverPicker, CroppedPreview } from "./cover-picker";
import styles from "./studio.module.css";

const LEVELS = ["BEGINNER", "INTERMEDIATE", "ADVANCED"] as const;

/** Course metadata as the form edits it. */
export interface CourseMeta {
  title: string;
  subtitle: string;
  description: string;
  language: string;
  level: string;
  category: string;
  tags: string[];
  coverId: string | null;
  /** share of a video to watch for completion, percent (50..100) */
  videoCompletionPercent: number;
  /** text alternative of the cover */
  coverAlt: string;
  /** the stored cover's uploaded original and crop, for re-cropping without a new upload (null: none kept) */
  coverOriginal: { assetId: string; crop: CoverCrop | null } | null;
  /** "What you'll learn" sentences */
  learningOutcomes: string[];
  /** prerequisites */
  requirements: string[];
}

/** Non-empty trimmed lines of a textarea. */
const lines = (text: string) =>
  text
    .split("\n")
    .map((l) => l.trim())
    .filter(Boolean);

/** Create (no `courseId`) or edit a course's details; errors from the API appear beside the fields. */
export function CourseForm({ courseId, initial }: { courseId?: string; initial: CourseMeta }) {
  const t = useTranslations("studio");
  const router = useRouter();
  const [v, setV] = useState({
    ...initial,
    tags: initial.tags.join(", "),
    learningOutcomes: initial.learningOutcomes.join("\n"),
    requirements: initial.requirements.join("\n"),
    videoCompletionPercent: String(initial.videoCompletionPercent),
    /** the cropper's region of a cover uploaded in this form (sent once with the save that stores it) */
    coverCrop: null as CoverCrop | null,
  });
  const { busy, status, fields, run } = useFormState();
  /** The API's error of a list field or of one of its lines (`learningOutcomes.2`). */
  const listError = (name: string) =>
    fields[name] ?? Object.entries(fields).find(([k]) => k.startsWith(`${name}.`))?.[1];
  const set = (k: keyof typeof v) => (e: { target: { value: string } }) => setV({ ...v, [k]: e.target.value });

  async function submit(e: FormEvent) {
    e.preventDefault();
    const { coverOriginal: _original, ...fields } = v;
    const body = {
      ...fields,
      tags: v.tags
        .split(",")
        .map((s) => s.trim())
        .filter(Boolean),
      videoCompletionPercent: Number(v.videoCompletionPercent),
      learningOutcomes: lines(v.learningOutcomes),
      requirements: lines(v.requirements),
    };
    const res = await run(() =>
      courseId
        ? callApi("PUT", `/api/studio/courses/${courseId}`, body)
        : callApi<{ id: string }>("POST", "/api/studio/courses", body),
    );
    if (!res?.ok) return;
    if (!courseId) return router.push(`/studio/courses/${(res.data as { id: string }).id}`);
    router.refresh();
  }

  return (
    <form className={styles.form} onSubmit={(e) => void submit(e)} noValidate>
      <Field
        label={t("form.title")}
        name="title"
        value={v.title}
        onChange={set("title")}
        error={fields.title}
        required
      />
      <Field
        label={t("form.subtitle")}
        name="subtitle"
        value={v.subtitle}
        onChange={set("subtitle")}
        error={fields.subtitle}
      />
      <MarkdownField
        label={t("form.description")}
        name="description"
        value={v.description}
        onChange={(description) => setV({ ...v, description })}
        error={fields.description}
      />
      <Field
        label={t("form.learningOutcomes")}
        name="learningOutcomes"
        error={listError("learningOutcomes")}
        hint={t("form.linesHint")}
      >
        <textarea id="f-learningOutcomes" rows={5} value={v.learningOutcomes} onChange={set("learningOutcomes")} />
      </Field>
      <Field
        label={t("form.requirements")}
        name="requirements"
        error={listError("requirements")}
        hint={t("form.linesHint")}
      >
        <textarea id="f-requirements" rows={3} value={v.requirements} onChange={set("requirements")} />
      </Field>
      <div className={styles.grid2}>
        <Field label={t("form.language")} name="language" error={fields.language}>
          <select id="f-language" value={v.language} onChange={set("language")}>
            {CONTENT_LANGUAGES.map((l) => (
              <option key={l} value={l}>
                {new Intl.DisplayNames([l], { type: "language" }).of(l) ?? l}
              </option>
            ))}
          </select>
        </Field>
        <Field label={t("form.level")} name="level" error={fields.level}>
          <select id="f-level" value={v.level} onChange={set("level")}>
            {LEVELS.map((l) => (
              <option key={l} value={l}>
                {t(`levels.${l}`)}
              </option>
            ))}
          </select>
        </Field>
        <Field
          label={t("form.category")}
          name="category"
          value={v.category}
          onChange={set("category")}
          error={fields.category}
        />
        <Field label={t("form.tags")} name="tags" value={v.tags} onChange={set("tags")} error={fields.tags} />
        <Field
          label={t("form.videoCompletionPercent")}
          name="videoCompletionPercent"
          inputMode="numeric"
          value={v.videoCompletionPercent}
          onChange={set("videoCompletionPercent")}
          error={fields.videoCompletionPercent}
        />
      </div>
      {v.coverId && (
        <div className={styles.row}>
          {v.coverCrop ? (
            <>
              {/* The region chosen in the cropper, as the server will store it on save. */}
              <CroppedPreview src={`/api/media/${v.coverId}`} alt={v.coverAlt} crop={v.coverCrop} />
              <span className="muted">{t("coverCrop.cropped")}</span>
            </>
          ) : (
            // The stored 16:9 cover.
            // eslint-disable-next-line @next/next/no-img-element -- the studio preview is the stored asset
            <img src={`/api/media/${v.coverId}`} alt={v.coverAlt} width={240} height={135} className="cover-preview" />
          )}
          <button
            type="button"
            className={`button secondary ${styles.small}`}
            onClick={() => setV({ ...v, coverId: null, coverCrop: null, coverAlt: "", coverOriginal: null })}
          >
            {t("form.removeCover")}
          </button>
        </div>
      )}
      <CoverPicker
        label={t("form.cover")}
        onUploaded={(coverId, coverCrop) =>
          setV({ ...v, coverId, coverCrop, coverOriginal: { assetId: coverId, crop: coverCrop } })
        }
        original={v.coverId ? v.coverOriginal : null}
        error={fields.coverId ?? listError("coverCrop")}
      />
      <p className="muted">{t("form.coverHint")}</p>
      {v.coverId && (
        <Field
          label={t("form.coverAlt")}
          name="coverAlt"
          value={v.coverAlt}
          onChange={set("coverAlt")}
          error={fields.coverAlt}
          required
        />
      )}
      <div className={styles.row}>
        <BusyButton busy={busy}>{courseId ? t("form.save") : t("form.create")}</BusyButton>
        <span role="status">{status}</span>
      </div>
    </form>
  );
}
