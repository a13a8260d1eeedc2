"use client";
import { useTranslations } from "next-intl";
import type { InputHTMLAttributes } from "react";
import styles from "../auth.module.css";

/** A labelled input with its error message beside it (error = a field error code from the API/zod). */
export function Field({
  label,
  name,
  error,
  hint,
  ...input
}: { label: string; name: string; error?: string; hint?: string } & InputHTMLAttributes<HTMLInputElement>) {
  const t = useTranslations("auth.fieldErrors");
  const id = `field-${name}`;
  const message = error ? (t.has(error) ? t(error) : t("invalid")) : undefined;
  return (
    <div className={styles.field}>
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        name={name}
        aria-invalid={message ? true : undefined}
        aria-describedby={message ? `${id}-error` : hint ? `${id}-hint` : undefined}
        {...input}
      />
      {message ? (
        <span id={`${id}-error`} className={styles.error} role="alert">
          {message}
        </span>
      ) : hint ? (
        <span id={`${id}-hint`} className={styles.hint}>
          {hint}
        </span>
      ) : null}
    </div>
  );
}
