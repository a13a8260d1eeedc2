/**
 * Chunked, resumable uploads (UploadSession): create a session (file name, declared type, size) → PUT the
 * bytes in order with `Content-Range: bytes <start>-<end>/<total>` → complete. Chunks are appended to one
 * temporary file per session in `tmpDir` (so every chunk of a session must reach a replica that sees that
 * directory: one replica, sticky sessions, or a shared volume). Completing sniffs the content type from the
 * magic bytes, stores the file through the StorageDriver (which computes the SHA-256; S3 multipart is inside
 * the driver) and only then creates the MediaAsset row. Any failure or abort removes the temporary file and
 * any stored object, so no MediaAsset row and no orphan object remain.
 */
import { createReadStream, createWriteStream } from "node:fs";
import { mkdir, open, rm, stat, truncate } from "node:fs/promises";
import path from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { Transform } from "node:stream";
import type { PrismaClient, StorageDriver as StorageDriverEnum } from "@smolitux/db";
import { ApiError } from "@/server/http.ts";
import type { StorageDriver } from "@/server/storage/types.ts";
import { readMp4DurationSeconds } from "./mp4-duration.ts";
import { ALLOWED_TYPES, isAllowedType, normalizeType, SIZE_LIMITS, sniff, SNIFF_BYTES } from "./limits.ts";
import type { CreateUploadInput } from "./schemas.ts";

/** Dependencies of the upload service. */
export interface UploadDeps {
  db: PrismaClient;
  storage: StorageDriver;
  /** folder for the temporary per-session files */
  tmpDir: string;
}

/** Largest accepted chunk in bytes (16 MiB). */
export const MAX_CHUNK_BYTES = 16 * 1024 * 1024;

/** What the client needs to continue an upload. */
export interface UploadSessionView {
  id: string;
  filename: string;
  declaredType: string;
  /** bytes */
  sizeBytes: number;
  /** bytes received so far (the next chunk starts here) */
  receivedBytes: number;
  status: "OPEN" | "COMPLETED" | "ABORTED";
  assetId: string | null;
}

const DRIVER_ENUM: Record<StorageDriver["kind"], StorageDriverEnum> = { fs: "FS", s3: "S3", ipfs: "IPFS" };

function partFile(deps: UploadDeps, sessionId: string): string {
  return path.join(deps.tmpDir, `${sessionId}.part`);
}

function view(s: {
  id: string;
  filename: string;
  declaredType: string;
  declaredBytes: bigint;
  receivedBytes: bigint;
  status: "OPEN" | "COMPLETED" | "ABORTED";
  assetId: string | null;
}): UploadSessionView {
  return {
    id: s.id,
    filename: s.filename,
    declaredType: s.declaredType,
    sizeBytes: Number(s.declaredBytes),
    receivedBytes: Number(s.receivedBytes),
    status: s.status,
    assetId: s.assetId,
  };
}

const sessionSelect = {
  id: true,
  ownerId: true,
  filename: true,
  declaredType: true,
  declaredBytes: true,
  receivedBytes: true,
  status: true,
  assetId: true,
} as const;

async function ownedSession(deps: UploadDeps, ownerId: string, sessionId: string) {
  const s = await deps.db.uploadSession.findUnique({ where: { id: sessionId }, select: sessionSelect });
  if (!s || s.ownerId !== ownerId) throw new ApiError("not_found", "No such upload.");
  return s;
}

function assertOpen(s: { status: string }): void {
  if (s.status !== "OPEN") throw new ApiError("conflict", `The upload is ${s.status.toLowerCase()}.`);
}

/**
 * Opens an upload session.
 * @throws ApiError 415 when the declared type is not allowed, 413 when `sizeBytes` exceeds the kind's limit
 */
export async function createUpload(
  deps: UploadDeps,
  ownerId: string,
  input: CreateUploadInput,
): Promise<UploadSessionView> {
  const declaredType = normalizeType(input.type);
  if (!isAllowedType(declaredType)) {
    throw new ApiError("unsupported_media_type", "This file type is not allowed.", { type: "type_not_allowed" });
  }
  const kind = ALLOWED_TYPES[declaredType];
  if (input.sizeBytes > SIZE_LIMITS[kind]) {
    throw new ApiError("payload_too_large", `A ${kind} file may be at most ${SIZE_LIMITS[kind]} bytes.`, {
      sizeBytes: `at most ${SIZE_LIMITS[kind]} bytes`,
    });
  }
  const s = await deps.db.uploadSession.create({
    data: { ownerId, filename: input.filename, declaredType, declaredBytes: BigInt(input.sizeBytes) },
    select: sessionSelect,
  });
  return view(s);
}

/** The session's state (to resume after an interruption). */
export async function getUpload(deps: UploadDeps, ownerId: string, sessionId: string): Promise<UploadSessionView> {
  return view(await ownedSession(deps, ownerId, sessionId));
}

/** A parsed `Content-Range: bytes <start>-<end>/<total>` (inclusive end). */
export interface ChunkRange {
  start: number;
  end: number;
  total: number;
}

/**
 * Parses a request's Content-Range header (RFC 9110 §14.4).
 * @throws ApiError 400 when missing or malformed
 */
export function parseContentRange(header: string | null): ChunkRange {
  const m = /^bytes (\d{1,15})-(\d{1,15})\/(\d{1,15})$/.exec(header?.trim() ?? "");
  if (!m) throw new ApiError("bad_request", "Send Content-Range: bytes <start>-<end>/<total>.");
  const [start, end, total] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (end < start || end >= total) throw new ApiError("bad_request", "Content-Range is not a valid byte range.");
  return { start, end, total };
}

/** Counts bytes and fails once more than `max` pass. */
function byteLimit(max: number, counter: { n: number }): Transform {
  return new Transform({
    transform(chunk: Buffer, _enc, cb) {
      counter.n += chunk.length;
      if (counter.n > max) cb(new ApiError("bad_request", "The chunk is longer than its Content-Range."));
      else cb(null, chunk);
    },
  });
}

async function readHead(file: string): Promise<Uint8Array> {
  const fh = await open(file, "r");
  try {
    const buf = Buffer.alloc(SNIFF_BYTES);
    const { bytesRead } = await fh.read(buf, 0, SNIFF_BYTES, 0);
    return buf.subarray(0, bytesRead);
  } finally {
    await fh.close();
  }
}

/**
 * Appends one chunk. Chunks must arrive in order: `range.start` must equal the bytes received so far
 * (a 409 answer carries `receivedBytes` in `fields` so the client can resume there).
 * The first chunk is sniffed at once: a type that differs from the declared one aborts the upload (415).
 * @throws ApiError 400 (bad range/length), 404, 409 (out of order / not open), 413 (chunk too big), 415
 */
export async function putChunk(
  deps: UploadDeps,
  ownerId: string,
  sessionId: string,
  range: ChunkRange,
  body: ReadableStream<Uint8Array> | Readable | null,
): Promise<UploadSessionView> {
  const s = await ownedSession(deps, ownerId, sessionId);
  assertOpen(s);
  if (range.total !== Number(s.declaredBytes)) {
    throw new ApiError("bad_request", "Content-Range total differs from the declared size.");
  }
  const length = range.end - range.start + 1;
  if (length > MAX_CHUNK_BYTES)
    throw new ApiError("payload_too_large", `A chunk may be at most ${MAX_CHUNK_BYTES} bytes.`);
  if (range.start !== Number(s.receivedBytes)) {
    throw new ApiError("conflict", "The chunk does not continue the upload.", {
      receivedBytes: String(s.receivedBytes),
    });
  }
  if (!body) throw new ApiError("bad_request", "The chunk has no body.");
  const file = partFile(deps, sessionId);
  const counter = { n: 0 };
  try {
    const source = body instanceof Readable ? body : Readable.fromWeb(body as import("node:stream/web").ReadableStream);
    if (range.start === 0) await mkdir(deps.tmpDir, { recursive: true });
    // The first chunk creates (or truncates) the file; later chunks write at their offset.
    const flags = range.start === 0 ? "w" : "r+";
    await pipeline(source, byteLimit(length, counter), createWriteStream(file, { flags, start: range.start }));
    if (counter.n !== length) throw new ApiError("bad_request", "The chunk is shorter than its Content-Range.");
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") {
      throw new ApiError("conflict", "The upload's temporary data is gone; start again.");
    }
    await truncate(file, range.start).catch(() => undefined);
    throw err;
  }
  if (range.start === 0) {
    const head = await readHead(file);
    const type = sniff(head);
    if ((type !== null && type !== s.declaredType) || (type === null && head.length >= SNIFF_BYTES)) {
      await abortUpload(deps, ownerId, sessionId);
      throw new ApiError("unsupported_media_type", "The file content does not match its type.", {
        file: "type_mismatch",
      });
    }
  }
  const updated = await deps.db.uploadSession.updateMany({
    where: { id: sessionId, status: "OPEN", receivedBytes: BigInt(range.start) },
    data: { receivedBytes: BigInt(range.end + 1) },
  });
  if (updated.count !== 1) throw new ApiError("conflict", "The upload changed concurrently.");
  return view(await ownedSession(deps, ownerId, sessionId));
}

/**
 * Finishes the upload: sniffs the whole file's type (415 on a mismatch with the declared type), re-checks the
 * size limit of the sniffed kind (413), stores it through the driver and creates the MediaAsset.
 * @returns the session view with `assetId`
 */
export async function completeUpload(deps: UploadDeps, ownerId: string, sessionId: string): Promise<UploadSessionView> {
  const s = await ownedSession(deps, ownerId, sessionId);
  if (s.status === "COMPLETED") return view(s);
  assertOpen(s);
  if (s.receivedBytes !== s.declaredBytes) {
    throw new ApiError("conflict", "The upload is incomplete.", { receivedBytes: String(s.receivedBytes) });
  }
  const file = partFile(deps, sessionId);
  const size = (await stat(file).catch(() => null))?.size;
  if (size !== Number(s.declaredBytes)) {
    await abortUpload(deps, ownerId, sessionId);
    throw new ApiError("conflict", "The upload's temporary data is gone; start again.");
  }
  const type = sniff(await readHead(file));
  if (type === null || type !== s.declaredType) {
    await abortUpload(deps, ownerId, sessionId);
    throw new ApiError("unsupported_media_type", "The file content does not match its type.", {
      file: "type_mismatch",
    });
  }
  if (size > SIZE_LIMITS[ALLOWED_TYPES[type]]) {
    await abortUpload(deps, ownerId, sessionId);
    throw new ApiError("payload_too_large", "The file is too large for its type.");
  }
  const safeName =
    s.filename
      .replace(/[^A-Za-z0-9._-]+/g, "_")
      .replace(/^\.+/, "_")
      .slice(0, 100) || "file";
  const key = `uploads/${ownerId}/${sessionId}-${safeName}`;
  // The playing time the server trusts for video completion (learning/watch.ts); never taken from the browser.
  const durationSeconds = type === "video/mp4" ? await readMp4DurationSeconds(file).catch(() => null) : null;
  let stored: Awaited<ReturnType<StorageDriver["put"]>> | undefined;
  try {
    stored = await deps.storage.put(key, createReadStream(file), type);
    const stor = stored;
    const asset = await deps.db.$transaction(async (tx) => {
      const created = await tx.mediaAsset.create({
        data: {
          ownerId,
          driver: DRIVER_ENUM[deps.storage.kind],
          key: stor.key,
          cid: stor.cid ?? null,
          mimeType: type,
          sizeBytes: BigInt(stor.sizeBytes),
          sha256: stor.sha256,
          originalName: s.filename,
          durationSeconds,
        },
        select: { id: true },
      });
      const done = await tx.uploadSession.updateMany({
        where: { id: sessionId, status: "OPEN" },
        data: { status: "COMPLETED", assetId: created.id },
      });
      if (done.count !== 1) throw new ApiError("conflict", "The upload was completed or aborted concurrently.");
      return created;
    });
    await rm(file, { force: true });
    return { ...view(s), status: "COMPLETED", assetId: asset.id };
  } catch (err) {
    if (stored) await deps.storage.delete(stored.key).catch(() => undefined);
    else await deps.storage.delete(key).catch(() => undefined);
    throw err;
  }
}

/** Aborts an open upload and removes its temporary file (idempotent for aborted sessions). */
export async function abortUpload(deps: UploadDeps, ownerId: string, sessionId: string): Promise<void> {
  const s = await ownedSession(deps, ownerId, sessionId);
  if (s.status === "COMPLETED") throw new ApiError("conflict", "The upload is already complete.");
  await deps.db.uploadSession.updateMany({ where: { id: sessionId, status: "OPEN" }, data: { status: "ABORTED" } });
  await rm(partFile(deps, sessionId), { force: true });
}

/**
 * Aborts OPEN sessions untouched for `olderThanSeconds` and deletes their temporary files (run periodically).
 * @returns the number of sessions aborted
 */
export async function sweepStaleUploads(deps: UploadDeps, olderThanSeconds: number, now = new Date()): Promise<number> {
  const cutoff = new Date(now.getTime() - olderThanSeconds * 1000);
  const stale = await deps.db.uploadSession.findMany({
    where: { status: "OPEN", updatedAt: { lt: cutoff } },
    select: { id: true },
  });
  for (const { id } of stale) {
    await deps.db.uploadSession.updateMany({ where: { id, status: "OPEN" }, data: { status: "ABORTED" } });
    await rm(partFile(deps, id), { force: true });
  }
  return stale.length;
}
