/**
 * Where the browser loads pdf.js' worker from (the PDF lesson viewer, issue 14 item 6): our own origin, never a CDN.
 * Shared by the viewer (client) and the route that serves the file (`app/api/pdfjs/[version]/worker.mjs`).
 */
import { z } from "zod";

/** A pdf.js release in the worker's path ("6.5.438"): digits and dots only. */
export const pdfjsVersionParam = z.string().regex(/^\d{1,4}(\.\d{1,6}){1,3}$/, "not a pdf.js version");

/**
 * Same-origin path of the pdf.js worker of release `version`. The version is part of the path, so the response
 * can be cached for a year (`immutable`) and an upgrade of pdfjs-dist never pairs a new API with an old worker.
 */
export function pdfWorkerPath(version: string): string {
  return `/api/pdfjs/${encodeURIComponent(version)}/worker.mjs`;
}
