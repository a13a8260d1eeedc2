/**
 * What may be uploaded: the allowed content types (sniffed from magic bytes, never from the name or the
 * declared type), the kind each belongs to, and the size limit of each kind in bytes.
 */
import { sniffContentType, type SniffedType } from "@/features/studio/import/sniff.ts";

/** Upload kinds with their own size limit. */
export type MediaKind = "video" | "pdf" | "image" | "captions";

/** Allowed content types → kind. */
export const ALLOWED_TYPES: Record<SniffedType, MediaKind> = {
  "video/mp4": "video",
  "video/webm": "video",
  "application/pdf": "pdf",
  "image/png": "image",
  "image/jpeg": "image",
  "image/svg+xml": "image",
  "text/vtt": "captions",
};

const MiB = 1024 * 1024;

/** Maximum size per kind in bytes: video 2 GiB, PDF 50 MiB, image 10 MiB, WebVTT 1 MiB. */
export const SIZE_LIMITS: Record<MediaKind, number> = {
  video: 2048 * MiB,
  pdf: 50 * MiB,
  image: 10 * MiB,
  captions: 1 * MiB,
};

/** Bytes of the file head handed to the sniffer (an SVG's XML prolog must fit). */
export const SNIFF_BYTES = 4096;

/** Whether `type` is an allowed content type. */
export function isAllowedType(type: string): type is SniffedType {
  return Object.hasOwn(ALLOWED_TYPES, type);
}

/** The declared type normalized: lowercase, parameters dropped (`text/vtt; charset=utf-8` → `text/vtt`). */
export function normalizeType(type: string): string {
  return type.split(";")[0]!.trim().toLowerCase();
}

/** Sniffs the content type from the first bytes (see import/sniff.ts for the signatures). */
export function sniff(head: Uint8Array): SniffedType | null {
  return sniffContentType(head);
}

export type { SniffedType };
