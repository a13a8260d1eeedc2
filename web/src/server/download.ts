/** Streams a file download produced by a writer function (`write(out)`), without buffering it in memory. */
import { PassThrough, Readable } from "node:stream";
import { logger } from "./logger.ts";

/**
 * A Response whose body is what `write` writes. A failure after the first byte aborts the download (the
 * client sees a truncated file, which the pack importer rejects); it is logged with `label`.
 */
export function streamDownload(
  fileName: string,
  contentType: string,
  write: (out: PassThrough) => Promise<unknown>,
  label: string,
): Response {
  const out = new PassThrough();
  write(out).catch((err: unknown) => {
    logger("download").error("download failed", { label, error: err });
    out.destroy(err instanceof Error ? err : new Error(String(err)));
  });
  return new Response(Readable.toWeb(out) as ReadableStream<Uint8Array>, {
    headers: {
      "content-type": contentType,
      "content-disposition": `attachment; filename="${fileName.replace(/[^A-Za-z0-9._-]+/g, "_")}"`,
      "cache-control": "private, no-store",
    },
  });
}
