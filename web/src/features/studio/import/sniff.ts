/** Content-type sniffing from magic bytes (never from the file name). */

/** Content types the importer accepts. */
export type SniffedType =
  "video/mp4" | "video/webm" | "application/pdf" | "image/svg+xml" | "image/png" | "image/jpeg" | "text/vtt";

const startsWith = (buf: Uint8Array, bytes: number[], offset = 0) => bytes.every((b, i) => buf[offset + i] === b);

/**
 * Detects the content type from the first bytes of a file (pass at least 4 KiB so an SVG's XML prolog fits).
 * mp4: `ftyp` box at offset 4; webm: EBML header 1A 45 DF A3; pdf: `%PDF-`; png/jpeg signatures;
 * vtt: `WEBVTT` (after an optional UTF-8 BOM); svg: XML text with an `<svg` element in the head.
 * @returns the MIME type, or null when the content is none of these
 */
export function sniffContentType(head: Uint8Array): SniffedType | null {
  if (startsWith(head, [0x66, 0x74, 0x79, 0x70], 4)) return "video/mp4";
  if (startsWith(head, [0x1a, 0x45, 0xdf, 0xa3])) return "video/webm";
  if (startsWith(head, [0x25, 0x50, 0x44, 0x46, 0x2d])) return "application/pdf";
  if (startsWith(head, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return "image/png";
  if (startsWith(head, [0xff, 0xd8, 0xff])) return "image/jpeg";
  const textHead = new TextDecoder("utf-8", { fatal: false }).decode(head).replace(/^\uFEFF/, "");
  if (/^WEBVTT(?:[ \t\r\n]|$)/.test(textHead)) return "text/vtt";
  // XML prolog (declaration, comments, a doctype possibly with an internal subset) before the root <svg>.
  if (/^\s*<(?:\?xml|!--|!DOCTYPE svg|svg[\s>])/i.test(textHead) && /<svg[\s>]/i.test(textHead)) return "image/svg+xml";
  return null;
}

/** Whether a sniffed type fits a use of the file. */
export function isAllowedFor(use: "video" | "captions" | "pdf" | "image", type: SniffedType): boolean {
  switch (use) {
    case "video":
      return type === "video/mp4" || type === "video/webm";
    case "captions":
      return type === "text/vtt";
    case "pdf":
      return type === "application/pdf";
    case "image":
      return type === "image/svg+xml" || type === "image/png" || type === "image/jpeg";
  }
}
