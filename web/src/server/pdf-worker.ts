/**
 * pdf.js' worker script as the app serves it (`GET /api/pdfjs/<version>/worker.mjs`; the PDF lesson viewer,
 * issue 14 item 6): the legacy build of the installed `pdfjs-dist` (it carries the polyfills older Android
 * Chrome/WebView versions need), read once from `node_modules` and kept in memory (≈ 1.3 MB).
 *
 * The response carries the API policy (`default-src 'none'`): as a worker's own CSP it forbids the worker every
 * fetch, eval and WebAssembly compile — the viewer gives it the PDF's bytes from the page and asks it for no
 * fonts, CMaps or wasm decoders, so it needs none.
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import pdfjsPackage from "pdfjs-dist/package.json";

/** Version of the installed pdfjs-dist (the only worker version served). */
export const PDFJS_VERSION: string = pdfjsPackage.version;

let script: Promise<Uint8Array<ArrayBuffer>> | undefined;

/** The worker inside the pdfjs-dist package. */
const WORKER = "legacy/build/pdf.worker.min.mjs";

/**
 * Reads the worker. `next start`/dev: from the web package's `node_modules` — a literal path, so the build's file
 * tracing sees it and copies exactly this file into the standalone output. The standalone server (self-host image)
 * runs in `standalone/web`, where the traced file keeps its place in pnpm's store but the package's symlink is
 * not recreated: `../node_modules/.pnpm/pdfjs-dist@<version>/node_modules/pdfjs-dist/…`.
 */
async function readWorker(): Promise<Buffer> {
  try {
    return await readFile(path.join(process.cwd(), "node_modules/pdfjs-dist/legacy/build/pdf.worker.min.mjs"));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "ENOENT") throw err;
  }
  const store = `node_modules/.pnpm/pdfjs-dist@${PDFJS_VERSION}/node_modules/pdfjs-dist`;
  return readFile(path.join(/*turbopackIgnore: true*/ process.cwd(), "..", store, WORKER));
}

/**
 * The worker's bytes (read on first use, then from memory).
 * @throws the file system's error when the file is missing in both places (a broken install; the route answers 500)
 */
export function pdfWorkerScript(): Promise<Uint8Array<ArrayBuffer>> {
  if (!script) {
    script = readWorker().then((b) => new Uint8Array(b));
    // a failed read is tried again by the next request
    script.catch(() => (script = undefined));
  }
  return script;
}
