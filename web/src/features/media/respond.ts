/**
 * The response of GET /api/media/<id>: access check, conditional request (304), byte ranges (206/416) and
 * streaming from the StorageDriver. Protected media on a driver with presigned URLs (S3) is answered with a
 * 302 to a 5-minute presigned GET instead of being proxied (the app never streams gigabytes it need not);
 * public media is proxied so shared caches can keep it under the app's URL.
 */
import { Readable } from "node:stream";
import type { PrismaClient } from "@smolitux/db";
import { ApiError } from "@/server/http.ts";
import { StorageError, type StorageDriver } from "@/server/storage/types.ts";
import { authorizeMedia, type MediaViewer } from "./access.ts";
import { matchesEtag, mediaHeaders, parseRange } from "./serve.ts";

/** Lifetime of a presigned redirect in seconds. */
export const PRESIGNED_TTL_SECONDS = 300;

/** Dependencies of {@link mediaResponse}. */
export interface MediaDeps {
  db: PrismaClient;
  storage: StorageDriver;
}

/**
 * Answers a media request.
 * @throws ApiError 401/403/404 from {@link authorizeMedia}
 */
export async function mediaResponse(
  deps: MediaDeps,
  req: Request,
  assetId: string,
  viewer: MediaViewer | null,
): Promise<Response> {
  const { asset, public: isPublic } = await authorizeMedia(deps.db, assetId, viewer);
  const headers = mediaHeaders(asset, isPublic);
  if (!isPublic) {
    const url = await deps.storage.presignedGetUrl(asset.key, PRESIGNED_TTL_SECONDS);
    if (url)
      return new Response(null, { status: 302, headers: { Location: url, "Cache-Control": "private, no-store" } });
  }
  if (matchesEtag(req.headers.get("if-none-match"), headers.get("ETag")!)) {
    return new Response(null, { status: 304, headers });
  }
  const size = Number(asset.sizeBytes);
  const ifRange = req.headers.get("if-range");
  const range = ifRange && ifRange !== headers.get("ETag") ? null : parseRange(req.headers.get("range"), size);
  if (range === "unsatisfiable") {
    headers.set("Content-Range", `bytes */${size}`);
    headers.delete("Content-Disposition");
    return new Response(null, { status: 416, headers });
  }
  if (range) {
    headers.set("Content-Range", `bytes ${range.start}-${range.end}/${size}`);
    headers.set("Content-Length", String(range.end - range.start + 1));
  } else {
    headers.set("Content-Length", String(size));
  }
  const status = range ? 206 : 200;
  if (req.method === "HEAD") return new Response(null, { status, headers });
  let object;
  try {
    object = await deps.storage.get(asset.key, range ?? undefined);
  } catch (err) {
    if (err instanceof StorageError && err.code === "not_found")
      throw new ApiError("not_found", "The media file is missing.");
    throw err;
  }
  return new Response(Readable.toWeb(object.body) as ReadableStream<Uint8Array>, { status, headers });
}
