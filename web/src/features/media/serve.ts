/**
 * HTTP details of serving media: byte ranges (RFC 9110 §14: single range, 206/416), validators (ETag from
 * the SHA-256) and response headers (type, caching, a strict CSP for SVG).
 */
import type { ByteRange } from "@/server/storage/types.ts";

/** A parsed Range header: a satisfiable range, "unsatisfiable" (→ 416), or null (→ whole file, 200). */
export type RangeResult = ByteRange | "unsatisfiable" | null;

/**
 * Parses `Range: bytes=…` for an object of `size` bytes. Only single ranges are honoured; a malformed or
 * multi-range header is ignored (whole file), as RFC 9110 allows.
 */
export function parseRange(header: string | null, size: number): RangeResult {
  if (!header) return null;
  const m = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!m || (m[1] === "" && m[2] === "")) return null;
  if (m[1] === "") {
    const suffix = Number(m[2]);
    if (suffix === 0 || size === 0) return "unsatisfiable";
    return { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(m[1]);
  const end = m[2] === "" ? size - 1 : Math.min(Number(m[2]), size - 1);
  if (m[2] !== "" && Number(m[2]) < start) return null;
  if (start >= size) return "unsatisfiable";
  return { start, end };
}

/** Strong ETag of an asset: its SHA-256 in quotes. */
export function etagOf(sha256: string): string {
  return `"${sha256}"`;
}

/** Whether an `If-None-Match` header matches `etag` (→ 304). */
export function matchesEtag(ifNoneMatch: string | null, etag: string): boolean {
  if (!ifNoneMatch) return false;
  return ifNoneMatch.split(",").some((t) => {
    const v = t.trim().replace(/^W\//, "");
    return v === "*" || v === etag;
  });
}

/**
 * Response headers of an asset (without Content-Length / Content-Range).
 * Public assets: `public, max-age=3600` (access can end when a course is unpublished, so not immutable);
 * protected: `private, no-store` (no cache may keep it: access ends with a refund or an unpublished course). SVG is served with a sandboxing CSP so scripts in it never run.
 */
export function mediaHeaders(
  asset: { mimeType: string; sha256: string; originalName: string },
  isPublic: boolean,
): Headers {
  const h = new Headers();
  h.set("Content-Type", asset.mimeType === "text/vtt" ? "text/vtt; charset=utf-8" : asset.mimeType);
  h.set("Accept-Ranges", "bytes");
  h.set("ETag", etagOf(asset.sha256));
  h.set("Cache-Control", isPublic ? "public, max-age=3600" : "private, no-store");
  h.set("X-Content-Type-Options", "nosniff");
  const name = asset.originalName.replace(/[^\x20-\x7e]|["\\]/g, "_") || "file";
  if (asset.mimeType === "image/svg+xml") {
    h.set("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; sandbox");
  }
  h.set("Content-Disposition", `inline; filename="${name}"`);
  return h;
}
