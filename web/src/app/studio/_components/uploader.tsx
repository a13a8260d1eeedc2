"use client";
import { useTranslations } from "next-intl";
import { useId, useRef, useState } from "react";
import { uploadFile } from "./api";
import { useFieldError } from "./form-state";
import styles from "./studio.module.css";

/** A file input that uploads in chunks with a <progress> bar and reports the new asset id. */
export function Uploader({
  label,
  accept,
  onUploaded,
  error,
}: {
  label: string;
  accept: string;
  onUploaded: (assetId: string, name: string) => void;
  error?: string;
}) {
  const t = useTranslations("studio.upload");
  const fieldError = useFieldError();
  const id = useId();
  const [progress, setProgress] = useState<{ sent: number; total: number } | null>(null);
  const [state, setState] = useState<"idle" | "uploading" | "done" | "failed">("idle");
  const [message, setMessage] = useState("");
  const abort = useRef<AbortController | null>(null);

  async function onChange(file: File | undefined) {
    if (!file) return;
    abort.current = new AbortController();
    setState("uploading");
    setProgress({ sent: 0, total: file.size });
    try {
      const assetId = await uploadFile(file, (sent, total) => setProgress({ sent, total }), abort.current.signal);
      setState("done");
      onUploaded(assetId, file.name);
    } catch (err) {
      setState("failed");
      setMessage((err as Error).message);
    }
  }

  const percent = progress && progress.total > 0 ? Math.floor((progress.sent / progress.total) * 100) : 0;
  return (
    <div className={styles.field}>
      <label htmlFor={id}>{label}</label>
      <input id={id} type="file" accept={accept} onChange={(e) => void onChange(e.target.files?.[0])} />
      {progress && (
        <div className={styles.row}>
          <progress aria-label={t("progress")} max={progress.total} value={progress.sent} />
          <span aria-live="polite">
            {state === "uploading" && t("uploading", { percent })}
            {state === "done" && t("done")}
          </span>
          {state === "uploading" && (
            <button type="button" className="button secondary" onClick={() => abort.current?.abort()}>
              {t("cancel")}
            </button>
          )}
        </div>
      )}
      {state === "failed" && (
        <span className={styles.error} role="alert">
          {t("failed", { message })}
        </span>
      )}
      {error && (
        <span className={styles.error} role="alert">
          {fieldError(error)}
        </span>
      )}
    </div>
  );
}
