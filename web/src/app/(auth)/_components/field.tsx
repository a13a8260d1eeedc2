"use client";
import { useTranslations } from "next-intl";
import type { InputHTMLAttributes } from "react";
import { codeText } from "@/i18n/code-text";
import styles from "../auth.module.css";

/**
 * Translates a field error code of the API or of zod (messages `auth.fieldErrors`); an unknown code or a text that
 * is no code shows the generic "Invalid value." in the UI's language, never the server's English.
 */
export function useAuthFieldError(): (code: string | undefined) => string | undefined {
  const t = useTranslations("auth.fieldErrors");
  return (code) => (code ? codeText(t, "", code, "invalid") : undefined);
}

/** A labelled input with its error message beside it (error = a field error code from the API/zod). */
export function Field({
  label,
  name,
  error,
  hint,
  ...input
}: { label: string; name: string; error?: string; hint?: string } & InputHTMLAttributes<HTMLInputElement>) {
  const id = `field-${name}`;
  const message = useAuthFieldError()(error);
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
