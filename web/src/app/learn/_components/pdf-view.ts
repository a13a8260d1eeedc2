/**
 * The PDF lesson viewer's logic apart from React (issue 14 item 6): loading a document with pdf.js (imported on
 * demand — only PDF lessons download it), and the arithmetic of zoom, page boxes, canvas resolution and the
 * current page. Units: CSS pixels unless a name says otherwise; PDF page sizes in points at scale 1.
 */
import type { PDFDocumentLoadingTask, TextLayer } from "pdfjs-dist/legacy/build/pdf.mjs";
import { pdfWorkerPath } from "@/features/learning/pdf-worker";

/** Zoom levels relative to "fit to width" (1). */
export const ZOOM_STEPS = [0.5, 0.75, 1, 1.25, 1.5, 2, 3, 4] as const;

/** The next zoom level above `zoom` (the largest stays). */
export function zoomIn(zoom: number): number {
  return ZOOM_STEPS.find((z) => z > zoom + 1e-9) ?? ZOOM_STEPS[ZOOM_STEPS.length - 1]!;
}

/** The next zoom level below `zoom` (the smallest stays). */
export function zoomOut(zoom: number): number {
  return [...ZOOM_STEPS].reverse().find((z) => z < zoom - 1e-9) ?? ZOOM_STEPS[0];
}

/** Size of a page at scale 1 (PDF points). */
export interface PageSize {
  width: number;
  height: number;
}

/**
 * The CSS box of a page drawn `zoom` times the width that fits `containerWidth`: whole pixels, never wider than
 * the container at zoom ≤ 1 (so a phone never scrolls sideways), and the page's scale (CSS px per point).
 */
export function pageBox(containerWidth: number, page: PageSize, zoom: number) {
  const scale = (Math.max(containerWidth, 1) / page.width) * zoom;
  return { width: Math.floor(page.width * scale), height: Math.floor(page.height * scale), scale };
}

/** Most canvas pixels one page may use (≈ 32 MB of RGBA): phones run out of canvas memory beyond this. */
export const MAX_CANVAS_PIXELS = 8 * 1024 * 1024;

/**
 * Device pixels per CSS pixel for a canvas of `width × height` CSS px: the screen's `devicePixelRatio` (sharp on
 * high-density screens) unless that would exceed `maxPixels`, then less.
 */
export function outputScale(width: number, height: number, devicePixelRatio: number, maxPixels = MAX_CANVAS_PIXELS) {
  const wanted = Math.max(devicePixelRatio || 1, 0.1);
  const area = Math.max(width * height, 1);
  return Math.min(wanted, Math.sqrt(maxPixels / area));
}

/**
 * The 1-based page shown at `scrollTop` of a viewport `viewportHeight` tall: the last page whose top is at or above
 * a third of the way down the viewport. `tops` are the pages' offsets in the scrolling box, in page order.
 */
export function currentPage(tops: readonly number[], scrollTop: number, viewportHeight: number): number {
  const line = scrollTop + viewportHeight / 3;
  let page = 1;
  for (let i = 0; i < tops.length; i++) if (tops[i]! <= line) page = i + 1;
  return page;
}

/** What went wrong, as the viewer tells the learner. */
export type PdfErrorKind = "password" | "failed";

/** Classifies an error of pdf.js (by its `name`; the classes live in the lazily loaded module). */
export function pdfErrorKind(err: unknown): PdfErrorKind {
  return (err as { name?: unknown } | null)?.name === "PasswordException" ? "password" : "failed";
}

/**
 * Starts loading the PDF at `url` (the lesson's `/api/media/<id>`, the same URL and access rules as a download:
 * a same-origin fetch with the session cookie; byte ranges as the media route serves them). pdf.js and its worker
 * (`/api/pdfjs/<version>/worker.mjs`, our origin) load on the first call. No fonts, CMaps or wasm decoders are
 * fetched (the worker's CSP allows no requests): fonts a PDF does not embed fall back to the system's.
 * @param onProgress called with the loaded fraction (0–1) while the size is known
 * @returns `task`, the loading task (`.promise` resolves to the document; `.destroy()` stops loading and frees the
 *   worker), and pdf.js' `TextLayer` class for the pages' selectable text
 */
export async function loadPdf(
  url: string,
  onProgress: (fraction: number) => void,
): Promise<{ task: PDFDocumentLoadingTask; TextLayer: typeof TextLayer }> {
  const pdfjs = await import("pdfjs-dist/legacy/build/pdf.mjs");
  pdfjs.GlobalWorkerOptions.workerSrc = pdfWorkerPath(pdfjs.version);
  const task = pdfjs.getDocument({
    url,
    withCredentials: false, // same-origin requests carry the session cookie anyway; presigned S3 URLs need none
    disableWorkerRendering: true, // pages are drawn here (no second worker to serve)
    useWasm: false,
    enableXfa: false,
    stopAtErrors: false,
  });
  task.onProgress = ({ loaded, total }: { loaded: number; total: number }) => {
    if (total > 0) onProgress(Math.min(loaded / total, 1));
  };
  return { task, TextLayer: pdfjs.TextLayer };
}
