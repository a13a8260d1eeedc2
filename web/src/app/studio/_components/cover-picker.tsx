"use client";
import { useTranslations } from "next-intl";
import { useEffect, useId, useRef, useState } from "react";
import Cropper, { type Area, type Point } from "react-easy-crop";
import "react-easy-crop/react-easy-crop.css";
import type { CoverCrop } from "@/features/studio/schemas";
import { UploadErrors, useUpload } from "./upload-state";
import styles from "./studio.module.css";

const ASPECT = 16 / 9;

/**
 * Cover image of a course (issue 14 item 1): the provider picks an image, chooses the 16:9 part in an interactive
 * cropper (drag, arrow keys, zoom; react-easy-crop) and then uploads it; `onUploaded` reports the new asset and the
 * crop in percentages of the image, which the course save sends as `coverCrop` — the server cuts exactly that region
 * into the stored 1600 × 900 WebP (features/media/cover.ts).
 */
export function CoverPicker({
  label,
  onUploaded,
  error,
}: {
  label: string;
  onUploaded: (assetId: string, crop: CoverCrop) => void;
  error?: string;
}) {
  const t = useTranslations("studio");
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<{ file: File; url: string } | null>(null);
  const [crop, setCrop] = useState<Point>({ x: 0, y: 0 });
  const [zoom, setZoom] = useState(1);
  const [area, setArea] = useState<Area | null>(null);
  const uploader = useUpload();
  const { state, percent } = uploader;

  // the object URL lives as long as the chosen file
  useEffect(() => () => (file ? URL.revokeObjectURL(file.url) : undefined), [file]);

  function choose(f: File | undefined) {
    setFile(f ? { file: f, url: URL.createObjectURL(f) } : null);
    setCrop({ x: 0, y: 0 });
    setZoom(1);
    setArea(null);
    uploader.reset();
  }

  async function upload() {
    if (!file || !area) return;
    const assetId = await uploader.start(file.file);
    if (!assetId) return;
    const round = (n: number) => Math.round(Math.min(100, Math.max(0, n)) * 1000) / 1000;
    onUploaded(assetId, {
      x: round(area.x),
      y: round(area.y),
      width: round(Math.min(area.width, 100 - area.x)),
      height: round(Math.min(area.height, 100 - area.y)),
    });
    setFile(null);
    uploader.reset();
    if (input.current) input.current.value = "";
  }

  return (
    <div className={styles.field}>
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        ref={input}
        type="file"
        accept="image/png,image/jpeg,image/webp,image/svg+xml"
        aria-invalid={error ? true : undefined}
        onChange={(e) => choose(e.target.files?.[0])}
      />
      {file && (
        <>
          <p className={styles.hint}>{t("coverCrop.cropHint")}</p>
          <div className={styles.cropArea} data-testid="cover-cropper">
            <Cropper
              image={file.url}
              crop={crop}
              zoom={zoom}
              aspect={ASPECT}
              onCropChange={setCrop}
              onZoomChange={setZoom}
              onCropComplete={(percentages) => setArea(percentages)}
              mediaProps={{ alt: "" }}
              cropperProps={{ "aria-label": t("coverCrop.cropper") }}
            />
          </div>
          <div className={styles.row}>
            <label htmlFor={`${id}-zoom`}>{t("coverCrop.zoom")}</label>
            <input
              id={`${id}-zoom`}
              type="range"
              min={1}
              max={3}
              step={0.01}
              value={zoom}
              onChange={(e) => setZoom(Number(e.target.value))}
            />
          </div>
          <div className={styles.row}>
            <button
              type="button"
              className="button"
              onClick={() => void upload()}
              disabled={!area || state === "uploading"}
              aria-busy={state === "uploading"}
            >
              {state === "uploading" ? t("upload.uploading", { percent }) : t("coverCrop.upload")}
            </button>
            {state === "uploading" ? (
              <button type="button" className="button secondary" onClick={uploader.cancel}>
                {t("upload.cancel")}
              </button>
            ) : (
              <button type="button" className="button secondary" onClick={() => choose(undefined)}>
                {t("coverCrop.another")}
              </button>
            )}
          </div>
        </>
      )}
      <UploadErrors state={state} failure={uploader.failure} error={error} />
    </div>
  );
}

/**
 * Preview of a cropped, not yet saved cover: the uploaded image placed so that the 16:9 frame shows exactly `crop`
 * (percentages), as the server will store it.
 */
export function CroppedPreview({ src, alt, crop }: { src: string; alt: string; crop: CoverCrop }) {
  return (
    <div className={styles.cropPreview} data-testid="cover-crop-preview">
      {/* eslint-disable-next-line @next/next/no-img-element -- the studio preview is the raw upload */}
      <img
        src={src}
        alt={alt}
        style={{
          width: `${(100 / crop.width) * 100}%`,
          height: `${(100 / crop.height) * 100}%`,
          left: `${(-crop.x / crop.width) * 100}%`,
          top: `${(-crop.y / crop.height) * 100}%`,
        }}
      />
    </div>
  );
}
