"use client";
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { callApi, type ApiResult } from "./api";
import { BusyButton, useFieldError } from "./form-state";
import { Field } from "./field";
import { LessonEditor } from "./lesson-editor";
import type { EditorSection } from "./types";
import styles from "./studio.module.css";

const KINDS = ["VIDEO", "TEXT", "PDF", "QUIZ", "FLASHCARDS"] as const;

/** Sections and lessons with add / rename / move up-down / delete, and a lesson editor per lesson. */
export function Curriculum({ courseId, sections }: { courseId: string; sections: EditorSection[] }) {
  const t = useTranslations("studio");
  const router = useRouter();
  const [error, setError] = useState("");
  const [newSection, setNewSection] = useState("");
  const [open, setOpen] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState("");
  const fieldError = useFieldError();

  /** Runs one change at a time; a failure shows the first field error (translated) or the message. */
  async function run(p: Promise<ApiResult<unknown>>) {
    setBusy(true);
    const res = await p.finally(() => setBusy(false));
    const first = res.ok ? undefined : Object.values(res.error.fields)[0];
    setError(res.ok ? "" : (fieldError(first) ?? res.error.message));
    setStatus(res.ok ? t("form.saved") : "");
    router.refresh();
    return res.ok;
  }

  async function addSection(e: FormEvent) {
    e.preventDefault();
    if (await run(callApi("POST", `/api/studio/courses/${courseId}/sections`, { title: newSection })))
      setNewSection("");
  }

  return (
    <div className={styles.form}>
      {error && (
        <p className={styles.error} role="alert">
          {error}
        </p>
      )}
      {/* the last change's outcome (cleared when a lesson editor opens: it has its own status line) */}
      {status && <p role="status">{status}</p>}
      <ol className={styles.list} aria-label={t("editor.curriculum")}>
        {sections.map((s, i) => (
          <li key={s.id} className={styles.item} data-testid="studio-section">
            <div className={styles.row}>
              <strong>{s.title}</strong>
              <button
                type="button"
                className={`button secondary ${styles.small}`}
                disabled={i === 0}
                aria-label={`${t("editor.moveUp")}: ${s.title}`}
                onClick={() => void run(callApi("POST", `/api/studio/sections/${s.id}/move`, { delta: -1 }))}
              >
                ↑
              </button>
              <button
                type="button"
                className={`button secondary ${styles.small}`}
                disabled={i === sections.length - 1}
                aria-label={`${t("editor.moveDown")}: ${s.title}`}
                onClick={() => void run(callApi("POST", `/api/studio/sections/${s.id}/move`, { delta: 1 }))}
              >
                ↓
              </button>
              <button
                type="button"
                className={`button secondary ${styles.small}`}
                onClick={() => {
                  const title = window.prompt(t("editor.rename"), s.title);
                  if (title) void run(callApi("PATCH", `/api/studio/sections/${s.id}`, { title }));
                }}
              >
                {t("editor.rename")}
              </button>
              <button
                type="button"
                className={`button secondary ${styles.small}`}
                onClick={() => {
                  if (window.confirm(t("editor.confirmDelete", { title: s.title })))
                    void run(callApi("DELETE", `/api/studio/sections/${s.id}`));
                }}
              >
                {t("editor.delete")}
              </button>
            </div>
            <ol className={styles.list}>
              {s.lessons.map((l, j) => (
                <li key={l.id} className={styles.item} data-testid="studio-lesson">
                  <div className={styles.row}>
                    <span>
                      {l.title} <span className="muted">({t(`kinds.${l.kind}`)})</span>
                      {l.isPreview && <span className="badge"> {t("editor.freePreview")}</span>}
                    </span>
                    <button
                      type="button"
                      className={`button secondary ${styles.small}`}
                      disabled={j === 0}
                      aria-label={`${t("editor.moveUp")}: ${l.title}`}
                      onClick={() => void run(callApi("POST", `/api/studio/lessons/${l.id}/move`, { delta: -1 }))}
                    >
                      ↑
                    </button>
                    <button
                      type="button"
                      className={`button secondary ${styles.small}`}
                      disabled={j === s.lessons.length - 1}
                      aria-label={`${t("editor.moveDown")}: ${l.title}`}
                      onClick={() => void run(callApi("POST", `/api/studio/lessons/${l.id}/move`, { delta: 1 }))}
                    >
                      ↓
                    </button>
                    <button
                      type="button"
                      className={`button secondary ${styles.small}`}
                      aria-expanded={open === l.id}
                      onClick={() => {
                        setOpen(open === l.id ? null : l.id);
                        setStatus("");
                      }}
                    >
                      {open === l.id ? t("editor.close") : `${t("editor.editLesson")}: ${l.title}`}
                    </button>
                    <button
                      type="button"
                      className={`button secondary ${styles.small}`}
                      onClick={() => {
                        if (window.confirm(t("editor.confirmDelete", { title: l.title })))
                          void run(callApi("DELETE", `/api/studio/lessons/${l.id}`));
                      }}
                    >
                      {t("editor.delete")}
                    </button>
                  </div>
                  {open === l.id && <LessonEditor lesson={l} />}
                </li>
              ))}
            </ol>
            <AddLesson sectionId={s.id} onDone={run} busy={busy} />
          </li>
        ))}
      </ol>
      <form className={styles.row} onSubmit={(e) => void addSection(e)}>
        <Field
          label={t("editor.sectionTitle")}
          name="new-section"
          value={newSection}
          onChange={(e) => setNewSection(e.target.value)}
        />
        <BusyButton busy={busy}>{t("editor.addSection")}</BusyButton>
      </form>
    </div>
  );
}

function AddLesson({
  sectionId,
  onDone,
  busy,
}: {
  sectionId: string;
  onDone: (p: Promise<ApiResult<unknown>>) => Promise<boolean>;
  busy: boolean;
}) {
  const t = useTranslations("studio");
  const [title, setTitle] = useState("");
  const [kind, setKind] = useState<(typeof KINDS)[number]>("TEXT");
  async function submit(e: FormEvent) {
    e.preventDefault();
    if (await onDone(callApi("POST", `/api/studio/sections/${sectionId}/lessons`, { title, kind }))) setTitle("");
  }
  return (
    <form className={styles.row} onSubmit={(e) => void submit(e)}>
      <Field
        label={t("editor.lessonTitle")}
        name={`lesson-title-${sectionId}`}
        value={title}
        onChange={(e) => setTitle(e.target.value)}
      />
      <Field label={t("editor.lessonKind")} name={`lesson-kind-${sectionId}`}>
        <select
          id={`f-lesson-kind-${sectionId}`}
          value={kind}
          onChange={(e) => setKind(e.target.value as (typeof KINDS)[number])}
        >
          {KINDS.map((k) => (
            <option key={k} value={k}>
              {t(`kinds.${k}`)}
            </option>
          ))}
        </select>
      </Field>
      <BusyButton busy={busy}>{t("editor.addLesson")}</BusyButton>
    </form>
  );
}
