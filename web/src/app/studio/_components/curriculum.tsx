"use client";
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { callApi, type ApiResult } from "./api";
import { BusyButton, useApiErrorText, useFieldError, useFormState } from "./form-state";
import { Field } from "./field";
import { LessonEditor } from "./lesson-editor";
import type { EditorSection } from "./types";
import styles from "./studio.module.css";

const KINDS = ["VIDEO", "TEXT", "PDF", "QUIZ", "FLASHCARDS"] as const;

/**
 * Sections and lessons with add / rename / move up-down / delete, and a lesson editor per lesson. The add-section and
 * add-lesson forms have their own busy state, status line and field errors beside their fields (useFormState); a
 * failed move, rename or delete is said above the list, in the UI's language.
 */
export function Curriculum({ courseId, sections }: { courseId: string; sections: EditorSection[] }) {
  const t = useTranslations("studio");
  const router = useRouter();
  const [newSection, setNewSection] = useState("");
  const [open, setOpen] = useState<string | null>(null);
  const addForm = useFormState();
  const fieldError = useFieldError();
  const errorText = useApiErrorText();
  const formT = useTranslations("studio.form");
  // the list's changes (move, rename, delete): one at a time, the outcome said above the list
  const [listBusy, setListBusy] = useState(false);
  const [listStatus, setListStatus] = useState<{ text: string; failed: boolean } | null>(null);

  /** One change of the list at a time; a failure says why (a rename's title error, else by error code). */
  async function change(call: () => Promise<ApiResult<unknown>>) {
    if (listBusy) return;
    setListBusy(true);
    const res = await call().finally(() => setListBusy(false));
    setListStatus(
      res.ok
        ? { text: formT("saved"), failed: false }
        : { text: fieldError(Object.values(res.error.fields)[0]) ?? errorText(res.error), failed: true },
    );
    router.refresh();
  }

  async function addSection(e: FormEvent) {
    e.preventDefault();
    const res = await addForm.run(
      () => callApi("POST", `/api/studio/courses/${courseId}/sections`, { title: newSection }),
      t("editor.sectionAdded"),
    );
    if (res?.ok) {
      setNewSection("");
      router.refresh();
    }
  }

  return (
    <div className={styles.form}>
      {/* the last list change's outcome (cleared when a lesson editor opens: it has its own status line) */}
      {listStatus && (
        <p role={listStatus.failed ? "alert" : "status"} className={listStatus.failed ? styles.error : undefined}>
          {listStatus.text}
        </p>
      )}
      <ol className={styles.list} aria-label={t("editor.curriculum")}>
        {sections.map((s, i) => (
          <li key={s.id} className={styles.item} data-testid="studio-section">
            <div className={styles.row}>
              <strong>{s.title}</strong>
              <button
                type="button"
                className={`button secondary ${styles.small}`}
                aria-label={`${t("editor.moveUp")}: ${s.title}`}
                disabled={i === 0 || listBusy}
                onClick={() => void change(() => callApi("POST", `/api/studio/sections/${s.id}/move`, { delta: -1 }))}
              >
                ↑
              </button>
              <button
                type="button"
                className={`button secondary ${styles.small}`}
                aria-label={`${t("editor.moveDown")}: ${s.title}`}
                disabled={i === sections.length - 1 || listBusy}
                onClick={() => void change(() => callApi("POST", `/api/studio/sections/${s.id}/move`, { delta: 1 }))}
              >
                ↓
              </button>
              <button
                type="button"
                className={`button secondary ${styles.small}`}
                onClick={() => {
                  const title = window.prompt(t("editor.rename"), s.title);
                  if (title) void change(() => callApi("PATCH", `/api/studio/sections/${s.id}`, { title }));
                }}
              >
                {t("editor.rename")}
              </button>
              <button
                type="button"
                className={`button secondary ${styles.small}`}
                onClick={() => {
                  if (window.confirm(t("editor.confirmDelete", { title: s.title })))
                    void change(() => callApi("DELETE", `/api/studio/sections/${s.id}`));
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
                      aria-label={`${t("editor.moveUp")}: ${l.title}`}
                      disabled={j === 0 || listBusy}
                      onClick={() =>
                        void change(() => callApi("POST", `/api/studio/lessons/${l.id}/move`, { delta: -1 }))
                      }
                    >
                      ↑
                    </button>
                    <button
                      type="button"
                      className={`button secondary ${styles.small}`}
                      aria-label={`${t("editor.moveDown")}: ${l.title}`}
                      disabled={j === s.lessons.length - 1 || listBusy}
                      onClick={() =>
                        void change(() => callApi("POST", `/api/studio/lessons/${l.id}/move`, { delta: 1 }))
                      }
                    >
                      ↓
                    </button>
                    <button
                      type="button"
                      className={`button secondary ${styles.small}`}
                      aria-expanded={open === l.id}
                      onClick={() => {
                        setOpen(open === l.id ? null : l.id);
                        setListStatus(null);
                      }}
                    >
                      {open === l.id ? t("editor.close") : `${t("editor.editLesson")}: ${l.title}`}
                    </button>
                    <button
                      type="button"
                      className={`button secondary ${styles.small}`}
                      onClick={() => {
                        if (window.confirm(t("editor.confirmDelete", { title: l.title })))
                          void change(() => callApi("DELETE", `/api/studio/lessons/${l.id}`));
                      }}
                    >
                      {t("editor.delete")}
                    </button>
                  </div>
                  {open === l.id && <LessonEditor lesson={l} />}
                </li>
              ))}
            </ol>
            <AddLesson sectionId={s.id} />
          </li>
        ))}
      </ol>
      <form className={styles.row} onSubmit={(e) => void addSection(e)} noValidate>
        <Field
          label={t("editor.sectionTitle")}
          name="new-section"
          value={newSection}
          onChange={(e) => setNewSection(e.target.value)}
          error={addForm.fields.title}
        />
        <BusyButton busy={addForm.busy}>{t("editor.addSection")}</BusyButton>
        <span role="status">{addForm.status}</span>
      </form>
    </div>
  );
}

/** Adds a lesson to a section: title and kind, errors beside them, its own busy state and status line. */
function AddLesson({ sectionId }: { sectionId: string }) {
  const t = useTranslations("studio");
  const router = useRouter();
  const { busy, status, fields, run } = useFormState();
  const [title, setTitle] = useState("");
  const [kind, setKind] = useState<(typeof KINDS)[number]>("TEXT");
  async function submit(e: FormEvent) {
    e.preventDefault();
    const res = await run(
      () => callApi("POST", `/api/studio/sections/${sectionId}/lessons`, { title, kind }),
      t("editor.lessonAdded"),
    );
    if (res?.ok) {
      setTitle("");
      router.refresh();
    }
  }
  return (
    <form className={styles.row} onSubmit={(e) => void submit(e)} noValidate>
      <Field
        label={t("editor.lessonTitle")}
        name={`lesson-title-${sectionId}`}
        value={title}
        onChange={(e) => setTitle(e.target.value)}
        error={fields.title}
      />
      <Field label={t("editor.lessonKind")} name={`lesson-kind-${sectionId}`} error={fields.kind}>
        <select
          id={`f-lesson-kind-${sectionId}`}
          value={kind}
          aria-invalid={fields.kind ? true : undefined}
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
      <span role="status">{status}</span>
    </form>
  );
}
