"use client";
import type { InputHTMLAttributes, ReactNode } from "react";
import styles from "./studio.module.css";

/** A labelled input with the API's field error beside it. */
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
  return (
    <div className={styles.field}>
      <label htmlFor={id}>{label}</label>
      {children ?? (
        <input
          id={id}
          name={name}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-e` : undefined}
          {...input}
        />
      )}
      {error ? (
        <span id={`${id}-e`} className={styles.error} role="alert">
          {error}
        </span>
      ) : hint ? (
        <span className={styles.hint}>{hint}</span>
      ) : null}
    </div>
  );
}
