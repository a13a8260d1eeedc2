"use client";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { callApi } from "./api";
import { useFieldError } from "./form-state";
import styles from "./studio.module.css";

/** A Markdown textarea with a server-rendered (sanitized) preview toggle; the API's field error beside it, translated. */
export function MarkdownField({
  label,
  name,
  value,
  onChange,
  error,
}: {
  label: string;
  name: string;
  value: string;
  onChange: (v: string) => void;
  error?: string;
}) {
  const t = useTranslations("studio.form");
  const [html, setHtml] = useState<string | null>(null);
  const id = `f-${name}`;
  const message = useFieldError()(error);
  async function toggle() {
    if (html !== null) return setHtml(null);
    const res = await callApi<{ html: string }>("POST", "/api/studio/markdown", { markdown: value });
    setHtml(res.ok ? res.data.html : "");
  }
  return (
    <div className={styles.field}>
      <div className={styles.row}>
        <label htmlFor={id}>{label}</label>
        <button type="button" className={`button secondary ${styles.small}`} onClick={() => void toggle()}>
          {html === null ? t("preview") : t("edit")}
        </button>
      </div>
      {html === null ? (
        <textarea
          id={id}
          name={name}
          value={value}
          onChange={(e) => onChange(e.target.value)}
          aria-invalid={message ? true : undefined}
          aria-describedby={message ? `${id}-e` : undefined}
        />
      ) : (
        <div className="prose" data-testid={`${name}-preview`} dangerouslySetInnerHTML={{ __html: html }} />
      )}
      {message && (
        <span id={`${id}-e`} className={styles.error} role="alert">
          {message}
        </span>
      )}
    </div>
  );
}
