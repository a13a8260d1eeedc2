"use client";
import { useLocale, useTranslations } from "next-intl";
import { useEffect, useState, type FormEvent } from "react";
import { CONTENT_LANGUAGES } from "@/features/translations/schemas";
import { callApi } from "./api";
import { Field } from "./field";
import { BusyButton, useFormState } from "./form-state";
import { MarkdownField } from "./markdown-field";
import { Uploader } from "./uploader";
import styles from "./studio.module.css";

interface Translation {
  language: string;
  title: string;
  body: string;
  captionsId: string | null;
  captionsName: string | null;
}

/**
 * Translations of one lesson (title, Markdown text, captions for videos): lists them, adds one in a chosen language,
 * edits or deletes it. Loads from GET /api/studio/lessons/<id>/translations.
 */
export function LessonTranslations({ lessonId, kind }: { lessonId: string; kind: string }) {
  const t = useTranslations("studio.translations");
  const locale = useLocale();
  const names = new Intl.DisplayNames([locale], { type: "language" });
  const [courseLanguage, setCourseLanguage] = useState<string | null>(null);
  const [list, setList] = useState<Translation[]>([]);
  const [language, setLanguage] = useState("");
  const [v, setV] = useState({ title: "", body: "", captionsId: null as string | null });
  // busy label, "Saved"/"Please correct the marked fields", server field codes translated beside the fields
  const { busy, status, fields, setFields, setStatus, run } = useFormState();

  async function fetchList() {
    return callApi<{ courseLanguage: string; translations: Translation[] }>(
      "GET",
      `/api/studio/lessons/${lessonId}/translations`,
    );
  }
  async function load() {
    const res = await fetchList();
    if (res.ok) {
      setCourseLanguage(res.data.courseLanguage);
      setList(res.data.translations);
    }
  }
  useEffect(() => {
    let live = true;
    void callApi<{ courseLanguage: string; translations: Translation[] }>(
      "GET",
      `/api/studio/lessons/${lessonId}/translations`,
    ).then((res) => {
      if (!live || !res.ok) return;
      setCourseLanguage(res.data.courseLanguage);
      setList(res.data.translations);
    });
    return () => {
      live = false;
    };
  }, [lessonId]);

  function pick(lang: string) {
    setLanguage(lang);
    const existing = list.find((x) => x.language === lang);
    setV(
      existing
        ? { title: existing.title, body: existing.body, captionsId: existing.captionsId }
        : { title: "", body: "", captionsId: null },
    );
    setFields({});
    setStatus("");
  }

  async function save(e: FormEvent) {
    e.preventDefault();
    if (!language) return;
    const res = await run(
      () => callApi("PUT", `/api/studio/lessons/${lessonId}/translations/${language}`, v),
      t("saved"),
    );
    if (res?.ok) await load();
  }

  async function remove(lang: string) {
    const res = await run(() => callApi("DELETE", `/api/studio/lessons/${lessonId}/translations/${lang}`));
    if (res?.ok) {
      if (lang === language) pick("");
      await load();
    }
  }

  const choices = CONTENT_LANGUAGES.filter((l) => l !== courseLanguage);
  const prefix = `tr-${lessonId}`;
  return (
    <section className={styles.panel} aria-labelledby={`${prefix}-h`}>
      <h3 id={`${prefix}-h`}>{t("title")}</h3>
      <p className="muted">{t("lead")}</p>
      {list.length === 0 ? (
        <p className="muted">{t("none")}</p>
      ) : (
        <ul className={styles.list} aria-label={t("title")}>
          {list.map((x) => (
            <li key={x.language} className={styles.row}>
              <span lang={x.language}>
                {names.of(x.language)}: {x.title}
              </span>
              <button type="button" className={`button secondary ${styles.small}`} onClick={() => pick(x.language)}>
                {t("edit", { language: names.of(x.language) ?? x.language })}
              </button>
              <button
                type="button"
                className={`button secondary ${styles.small}`}
                disabled={busy}
                onClick={() => void remove(x.language)}
              >
                {t("delete", { language: names.of(x.language) ?? x.language })}
              </button>
            </li>
          ))}
        </ul>
      )}
      <form className={styles.form} onSubmit={(e) => void save(e)} noValidate>
        <Field label={t("language")} name={`${prefix}-language`} error={fields.language}>
          <select id={`f-${prefix}-language`} value={language} onChange={(e) => pick(e.target.value)}>
            <option value="">—</option>
            {choices.map((l) => (
              <option key={l} value={l}>
                {names.of(l)}
              </option>
            ))}
          </select>
        </Field>
        {language && (
          <>
            <Field
              label={t("titleLabel")}
              name={`${prefix}-title`}
              lang={language}
              value={v.title}
              onChange={(e) => setV({ ...v, title: e.target.value })}
              error={fields.title}
            />
            <MarkdownField
              label={t("body")}
              name={`${prefix}-body`}
              value={v.body}
              onChange={(body) => setV({ ...v, body })}
              error={fields.body ?? fields[`translations.${language}.body`]}
            />
            {kind === "VIDEO" && (
              <>
                {list.find((x) => x.language === language)?.captionsName && (
                  <p className="muted">{list.find((x) => x.language === language)?.captionsName}</p>
                )}
                <Uploader
                  label={t("captions")}
                  accept=".vtt,text/vtt"
                  onUploaded={(captionsId) => setV((s) => ({ ...s, captionsId }))}
                  error={fields.captionsId ?? fields[`translations.${language}.captionsId`]}
                />
              </>
            )}
            <div className={styles.row}>
              <BusyButton busy={busy}>{t("save")}</BusyButton>
              <span role="status">{status}</span>
            </div>
          </>
        )}
      </form>
    </section>
  );
}
