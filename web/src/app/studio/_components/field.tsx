"use client";
import type { InputHTMLAttributes, ReactNode } from "react";
import { useFieldError } from "./form-state";
import styles from "./studio.module.css";

/** A labelled input with the API's field error beside it (an error code, translated into the UI's language). */
export function Field({
  label,
  name,
  error,
  hint,
  children,
  ...input
}: {
  label: string;
  name: string;
  error?: string;
  hint?: string;
  children?: ReactNode;
} & InputHTMLAttributes<HTMLInputElement>) {
  const id = `f-${name}`;
  const message = useFieldError()(error);
  return (
    <div className={styles.field}>
      <label htmlFor={id}>{label}</label>
      {children ?? (
        <input
          id={id}
          name={name}
          aria-invalid={message ? true : undefined}
          aria-describedby={message ? `${id}-e` : undefined}
          {...input}
        />
      )}
      {message ? (
        <span id={`${id}-e`} className={styles.error} role="alert">
          {message}
        </span>
      ) : hint ? (
        <span className={styles.hint}>{hint}</span>
      ) : null}
    </div>
  );
}
