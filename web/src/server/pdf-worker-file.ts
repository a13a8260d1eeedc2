/**
 * pdf.js' worker file (legacy build of the installed pdfjs-dist), relative to the web package — the server's
 * working directory, also in the standalone build. Its own module so next.config.ts can name it for file tracing
 * without loading server/pdf-worker.ts.
 */
export const PDF_WORKER_FILE = "node_modules/pdfjs-dist/legacy/build/pdf.worker.min.mjs";
