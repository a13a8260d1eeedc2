"use client";
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { callApi } from "./api";
import { BusyButton, useFormState } from "./form-state";
import { Field } from "./field";
import { FlashcardsEditor, QuizEditor } from "./content-editors";
import { LessonTranslations } from "./lesson-translations";
import { MarkdownField } from "./markdown-field";
import { Uploader } from "./uploader";
import type { EditorLesson } from "./types";
import styles from "./studio.module.css";

/** Edits one lesson: title, free preview, Markdown body, media (per kind), quiz or flashcards. */
export function LessonEditor({ lesson }: { lesson: EditorLesson }) {
  const t = useTranslations("studio");
  const router = useRouter();
  const [v, setV] = useState({
    title: lesson.title,
    body: lesson.body,
    isPreview: lesson.isPreview,
    mediaId: lesson.mediaId,
    captionsId: lesson.captionsId,
    durationSeconds: lesson.durationSeconds === null ? "" : String(lesson.durationSeconds),
  });
  const { busy, status, fields, run } = useFormState();

  async function save(e: FormEvent) {
    e.preventDefault();
    const res = await run(() =>
      callApi("PATCH", `/api/studio/lessons/${lesson.id}`, {
        ...v,
        durationSeconds: v.durationSeconds === "" ? null : Number(v.durationSeconds),
      }),
    );
    if (res?.ok) router.refresh();
  }

  return (
    <div className={styles.panel}>
      <form className={styles.form} onSubmit={(e) => void save(e)} noValidate>
        <Field
          label={t("editor.lessonTitle")}
          name={`title-${lesson.id}`}
          value={v.title}
          onChange={(e) => setV({ ...v, title: e.target.value })}
          error={fields.title}
        />
        <label className={styles.row}>
          <input type="checkbox" checked={v.isPreview} onChange={(e) => setV({ ...v, isPreview: e.target.checked })} />
          {t("editor.freePreview")}
        </label>
        {lesson.kind === "VIDEO" && (
          <>
            {lesson.mediaName && <p className="muted">{t("editor.currentFile", { name: lesson.mediaName })}</p>}
            <Uploader
              label={t("editor.video")}
              accept="video/mp4,video/webm"
              onUploaded={(mediaId) => setV((s) => ({ ...s, mediaId }))}
              error={fields.mediaId}
            />
            <Uploader
              label={t("editor.captions")}
              accept=".vtt,text/vtt"
              onUploaded={(captionsId) => setV((s) => ({ ...s, captionsId }))}
              error={fields.captionsId}
            />
            <Field
              label={t("editor.duration")}
              name={`duration-${lesson.id}`}
              inputMode="numeric"
              value={v.durationSeconds}
              onChange={(e) => setV({ ...v, durationSeconds: e.target.value })}
              error={fields.durationSeconds}
            />
          </>
        )}
        {lesson.kind === "PDF" && (
          <>
            {lesson.mediaName && <p className="muted">{t("editor.currentFile", { name: lesson.mediaName })}</p>}
            <Uploader
              label={t("editor.pdf")}
              accept="application/pdf"
              onUploaded={(mediaId) => setV((s) => ({ ...s, mediaId }))}
              error={fields.mediaId}
            />
          </>
        )}
        <MarkdownField
          label={t("editor.body")}
          name={`body-${lesson.id}`}
          value={v.body}
          onChange={(body) => setV({ ...v, body })}
          error={fields.body}
        />
        <div className={styles.row}>
          <BusyButton busy={busy}>{t("editor.saveLesson")}</BusyButton>
          <span role="status">{status}</span>
        </div>
      </form>
      {lesson.kind === "QUIZ" && (
        <QuizEditor
          lessonId={lesson.id}
          initial={{
            passMarkPercent: lesson.passMarkPercent,
            maxAttempts: lesson.quizMaxAttempts,
            cooldownMinutes: lesson.quizCooldownSeconds / 60,
            questions: lesson.questions,
          }}
        />
      )}
      {lesson.kind === "FLASHCARDS" && <FlashcardsEditor lessonId={lesson.id} initial={lesson.flashcards} />}
      <LessonTranslations lessonId={lesson.id} kind={lesson.kind} />
    </div>
  );
}
