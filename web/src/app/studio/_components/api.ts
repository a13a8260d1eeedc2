/** Browser-side calls of the studio: JSON API calls (`@/lib/api-client`) and the chunked upload with progress. */
import { callApi } from "@/lib/api-client";

export { callApi, type ApiFailure, type ApiResult } from "@/lib/api-client";

/**
 * A failed upload: the API's error `code` (`network` when the server was not reached, `aborted` when cancelled) and
 * its field errors; the UI translates both (form-state.tsx), the English `message` is for logs only.
 */
export class UploadError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly fields: Record<string, string> = {},
  ) {
    super(message);
    this.name = "UploadError";
  }
}

/** Chunk size of browser uploads in bytes (the server accepts up to 16 MiB). */
export const CHUNK_BYTES = 8 * 1024 * 1024;

function putChunk(
  url: string,
  blob: Blob,
  start: number,
  total: number,
  onBytes: (n: number) => void,
  signal: AbortSignal,
) {
  return new Promise<void>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open("PUT", url);
    xhr.setRequestHeader("content-type", "application/octet-stream");
    xhr.setRequestHeader("content-range", `bytes ${start}-${start + blob.size - 1}/${total}`);
    xhr.upload.onprogress = (e) => onBytes(e.loaded);
    xhr.onload = () => {
      if (xhr.status >= 200 && xhr.status < 300) return resolve();
      let error = { code: "internal", message: xhr.statusText, fields: {} as Record<string, string> };
      try {
        error = { ...error, ...(JSON.parse(xhr.responseText) as { error: typeof error }).error };
      } catch {
        // keep the status text
      }
      reject(new UploadError(error.code, error.message, error.fields));
    };
    xhr.onerror = () => reject(new UploadError("network", "network error"));
    signal.addEventListener("abort", () => xhr.abort());
    xhr.onabort = () => reject(new UploadError("aborted", "aborted"));
    xhr.send(blob);
  });
}

/**
 * Uploads a file in chunks (POST /api/uploads → PUT chunks with Content-Range → POST complete).
 * @param onProgress bytes sent so far, total bytes
 * @returns the new MediaAsset id
 * @throws UploadError with the API's code and field errors (413 too large, 415 wrong type, …); aborts the session
 *   on failure
 */
export async function uploadFile(
  file: File,
  onProgress: (sent: number, total: number) => void,
  signal: AbortSignal,
): Promise<string> {
  const type = file.type || (file.name.toLowerCase().endsWith(".vtt") ? "text/vtt" : "application/octet-stream");
  const created = await callApi<{ id: string }>("POST", "/api/uploads", {
    filename: file.name,
    type,
    sizeBytes: file.size,
  });
  if (!created.ok) throw new UploadError(created.error.code, created.error.message, created.error.fields);
  const url = `/api/uploads/${created.data.id}`;
  try {
    for (let start = 0; start < file.size; start += CHUNK_BYTES) {
      const blob = file.slice(start, Math.min(start + CHUNK_BYTES, file.size));
      await putChunk(url, blob, start, file.size, (n) => onProgress(start + n, file.size), signal);
    }
    const done = await callApi<{ assetId: string }>("POST", `${url}/complete`);
    if (!done.ok) throw new UploadError(done.error.code, done.error.message, done.error.fields);
    onProgress(file.size, file.size);
    return done.data.assetId;
  } catch (err) {
    await callApi("DELETE", url);
    throw err;
  }
}
