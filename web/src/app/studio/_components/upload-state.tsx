"use client";
/**
 * Shared upload flow of the studio's file fields (Uploader, CoverPicker): chunked upload with progress, cancel, and
 * the two error lines beside the field — the upload's own failure and the server's field error, both in the UI's
 * language.
 */
import { useTranslations } from "next-intl";
import { useRef, useState } from "react";
import { uploadFile } from "./api";
import { useFieldError } from "./form-state";
import styles from "./studio.module.css";

/** Where an upload stands. */
export type UploadState = "idle" | "uploading" | "done" | "failed";

/** State of one file field's upload: {@link UploadState}, bytes sent of total, the failure message, cancel. */
export function useUpload() {
  const [state, setState] = useState<UploadState>("idle");
  const [progress, setProgress] = useState<{ sent: number; total: number } | null>(null);
  const [message, setMessage] = useState("");
  const abort = useRef<AbortController | null>(null);

  /**
   * Uploads `file` in chunks.
   * @returns the new asset's id, or null when the upload failed or was cancelled (state `failed`, `message` set)
   */
  async function start(file: File): Promise<string | null> {
    abort.current = new AbortController();
    setState("uploading");
    setProgress({ sent: 0, total: file.size });
    try {
      const assetId = await uploadFile(file, (sent, total) => setProgress({ sent, total }), abort.current.signal);
      setState("done");
      return assetId;
    } catch (err) {
      setState("failed");
      setMessage((err as Error).message);
      return null;
    }
  }

  const percent = progress && progress.total > 0 ? Math.floor((progress.sent / progress.total) * 100) : 0;
  return {
    state,
    progress,
    percent,
    message,
    start,
    cancel: () => abort.current?.abort(),
    reset: () => {
      setState("idle");
      setProgress(null);
    },
  };
}

/** The upload's failure and the server's field error of a file field, beside it (`role="alert"`). */
export function UploadErrors({ state, message, error }: { state: UploadState; message: string; error?: string }) {
  const t = useTranslations("studio.upload");
  const fieldError = useFieldError();
  return (
    <>
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
    </>
  );
}
