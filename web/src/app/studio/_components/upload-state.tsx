"use client";
/**
 * Shared upload flow of the studio's file fields (Uploader, CoverPicker): chunked upload with progress, cancel, and
 * the two error lines beside the field — the upload's own failure and the server's field error, both in the UI's
 * language.
 */
import { useTranslations } from "next-intl";
import { useRef, useState } from "react";
import { uploadFile, UploadError } from "./api";
import { useApiErrorText, useFieldError } from "./form-state";
import styles from "./studio.module.css";

/** Where an upload stands. */
export type UploadState = "idle" | "uploading" | "done" | "failed";

/** State of one file field's upload: {@link UploadState}, bytes sent of total, the failure, cancel. */
export function useUpload() {
  const [state, setState] = useState<UploadState>("idle");
  const [progress, setProgress] = useState<{ sent: number; total: number } | null>(null);
  const [failure, setFailure] = useState<UploadError | null>(null);
  const abort = useRef<AbortController | null>(null);

  /**
   * Uploads `file` in chunks.
   * @returns the new asset's id, or null when the upload failed or was cancelled (state `failed`, `failure` set)
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
      setFailure(err instanceof UploadError ? err : new UploadError("network", String(err)));
      return null;
    }
  }

  const percent = progress && progress.total > 0 ? Math.floor((progress.sent / progress.total) * 100) : 0;
  return {
    state,
    progress,
    percent,
    failure,
    start,
    cancel: () => abort.current?.abort(),
    reset: () => {
      setState("idle");
      setProgress(null);
    },
  };
}

/**
 * The upload's failure and the server's field error of a file field, beside it (`role="alert"`), both in the UI's
 * language: an upload failure by its field error code (e.g. `type_not_allowed`) or else its API error code.
 */
export function UploadErrors({
  state,
  failure,
  error,
}: {
  state: UploadState;
  failure: UploadError | null;
  error?: string;
}) {
  const t = useTranslations("studio.upload");
  const fieldError = useFieldError();
  const errorText = useApiErrorText();
  const detail = failure ? (fieldError(Object.values(failure.fields)[0]) ?? errorText(failure)) : "";
  return (
    <>
      {state === "failed" && failure && (
        <span className={styles.error} role="alert">
          {t("failed", { message: detail })}
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
