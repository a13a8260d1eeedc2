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

/**
 * The worker's bytes (read on first use, then from memory).
 * @throws the file system's error when the file is missing (a broken install; the route answers 500)
 */
export function pdfWorkerScript(): Promise<Uint8Array<ArrayBuffer>> {
  if (!script) {
    // A literal path under the working directory: the build's file tracing sees it and puts exactly this file
    // into the standalone output (the self-host image).
    script = readFile(path.join(process.cwd(), "node_modules/pdfjs-dist/legacy/build/pdf.worker.min.mjs")).then(
      (b) => new Uint8Array(b),
    );
    // a failed read is tried again by the next request
    script.catch(() => (script = undefined));
  }
  return script;
}
