"use client";
import { useTranslations } from "next-intl";
import { useId } from "react";
import { UploadErrors, useUpload } from "./upload-state";
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
  const id = useId();
  const upload = useUpload();
  const { progress, state, percent } = upload;

  async function onChange(file: File | undefined) {
    if (!file) return;
    const assetId = await upload.start(file);
    if (assetId) onUploaded(assetId, file.name);
  }

  return (
    <div className={styles.field}>
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="file"
        accept={accept}
        aria-invalid={error ? true : undefined}
        onChange={(e) => void onChange(e.target.files?.[0])}
      />
      {progress && (
        <div className={styles.row}>
          <progress aria-label={t("progress")} max={progress.total} value={progress.sent} />
          <span aria-live="polite">
            {state === "uploading" && t("uploading", { ratio: percent / 100 })}
            {state === "done" && t("done")}
          </span>
          {state === "uploading" && (
            <button type="button" className="button secondary" onClick={upload.cancel}>
              {t("cancel")}
            </button>
          )}
        </div>
      )}
      <UploadErrors state={state} failure={upload.failure} error={error} />
    </div>
  );
}
