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
 * into the stored 1600 × 900 WebP (features/media/cover.ts). The server keeps the uploaded original and the crop
 * (`Course.coverSourceId`, `coverCrop`): with `original`, "Re-crop the current cover" opens the cropper on that original
 * at the stored crop, and applying reports the original's id with the new crop — nothing is uploaded again.
 */
export function CoverPicker({
  label,
  onUploaded,
  error,
  original,
}: {
  label: string;
  onUploaded: (assetId: string, crop: CoverCrop) => void;
  error?: string;
  /** the stored cover's uploaded original and its crop (null: none kept, e.g. an imported cover) */
  original?: { assetId: string; crop: CoverCrop | null } | null;
}) {
  const t = useTranslations("studio");
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  /** the image in the cropper: a chosen file (uploaded on confirm) or the stored original (re-crop, no upload) */
  const [image, setImage] = useState<
    | { file: File; url: string; assetId: null; initial: null }
    | { file: null; url: string; assetId: string; initial: Area | null }
    | null
  >(null);
  const [crop, setCrop] = useState<Point>({ x: 0, y: 0 });
  const [zoom, setZoom] = useState(1);
  const [area, setArea] = useState<Area | null>(null);
  const uploader = useUpload();
  const { state, percent } = uploader;

  // the object URL lives as long as the chosen file
  useEffect(() => () => (image?.file ? URL.revokeObjectURL(image.url) : undefined), [image]);

  function reset() {
    setCrop({ x: 0, y: 0 });
    setZoom(1);
    setArea(null);
    uploader.reset();
  }

  function choose(f: File | undefined) {
    setImage(f ? { file: f, url: URL.createObjectURL(f), assetId: null, initial: null } : null);
    reset();
  }

  function recrop() {
    if (!original) return;
    setImage({ file: null, url: `/api/media/${original.assetId}`, assetId: original.assetId, initial: original.crop });
    reset();
    if (input.current) input.current.value = "";
  }

  async function confirm() {
    if (!image || !area) return;
    const assetId = image.file ? await uploader.start(image.file) : image.assetId;
    if (!assetId) return;
    const round = (n: number) => Math.round(Math.min(100, Math.max(0, n)) * 1000) / 1000;
    onUploaded(assetId, {
      x: round(area.x),
      y: round(area.y),
      width: round(Math.min(area.width, 100 - area.x)),
      height: round(Math.min(area.height, 100 - area.y)),
    });
    setImage(null);
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
      {original && !image && (
        <div className={styles.row}>
          <button type="button" className={`button secondary ${styles.small}`} onClick={recrop}>
            {t("coverCrop.recrop")}
          </button>
        </div>
      )}
      {image && (
        <>
          <p className={styles.hint}>{t("coverCrop.cropHint")}</p>
          <div className={styles.cropArea} data-testid="cover-cropper">
            <Cropper
              key={image.url}
              image={image.url}
              initialCroppedAreaPercentages={image.initial ?? undefined}
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
              onClick={() => void confirm()}
              disabled={!area || state === "uploading"}
              aria-busy={state === "uploading"}
            >
              {state === "uploading"
                ? t("upload.uploading", { ratio: percent / 100 })
                : image.file
                  ? t("coverCrop.upload")
                  : t("coverCrop.apply")}
            </button>
            {state === "uploading" ? (
              <button type="button" className="button secondary" onClick={uploader.cancel}>
                {t("upload.cancel")}
              </button>
            ) : (
              <button type="button" className="button secondary" onClick={() => choose(undefined)}>
                {image.file ? t("coverCrop.another") : t("coverCrop.cancel")}
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
