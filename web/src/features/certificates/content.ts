/**
 * Content-addressed certificate objects (metadata JSON, badge SVG) in the storage driver.
 *
 * The CID is computed LOCALLY (UnixFS, CIDv1, raw leaves, sha2-256 — exactly what Kubo computes with
 * the IPFS driver's options), so it is the same whatever STORAGE_DRIVER is (fs, s3 or ipfs). Objects are
 * stored under `certificates/<cid>.json` / `certificates/<cid>.svg`; `GET /api/metadata/<cid>` serves
 * them, which is the app's gateway for the token's `ipfs://<cid>` URIs.
 */
import { Readable } from "node:stream";
import { CID } from "multiformats/cid";
import { computeUnixfsCid } from "@/server/storage/ipfs-cid.ts";
import { StorageError, type StorageDriver } from "@/server/storage/types.ts";

/** Object kinds and their content types. */
export const CONTENT_TYPES = { json: "application/json", svg: "image/svg+xml" } as const;
/** Extension of a stored object. */
export type ContentExt = keyof typeof CONTENT_TYPES;

/** CIDv1 (base32 `b…`) of `bytes` with Kubo's default UnixFS layout. */
export async function cidOf(bytes: Uint8Array): Promise<string> {
  async function* one() {
    yield bytes;
  }
  return (await computeUnixfsCid(one())).toString();
}

/** Storage key of an object. */
export function contentKey(cid: string, ext: ContentExt): string {
  return `certificates/${cid}.${ext}`;
}

/** A content-addressed driver stored the bytes under another CID than computed locally. */
export class CidMismatchError extends Error {
  constructor(local: string, remote: string) {
    super(`storage reported CID ${remote}, computed ${local}`);
    this.name = "CidMismatchError";
  }
}

/**
 * Stores `bytes` under its CID; idempotent (same bytes → same key).
 * @returns the CID and the storage key
 * @throws CidMismatchError when an IPFS driver reports a different CID
 */
export async function putContent(
  storage: StorageDriver,
  bytes: Uint8Array,
  ext: ContentExt,
): Promise<{ cid: string; key: string }> {
  const cid = await cidOf(bytes);
  const key = contentKey(cid, ext);
  const stored = await storage.put(key, bytes, CONTENT_TYPES[ext]);
  if (stored.cid && stored.cid !== cid) throw new CidMismatchError(cid, stored.cid);
  return { cid, key };
}

/** Whether `s` is a canonical CIDv1 in base32 (`b…`). */
export function isCidV1(s: string): boolean {
  try {
    const cid = CID.parse(s);
    return cid.version === 1 && cid.toString() === s;
  } catch {
    return false;
  }
}

/**
 * Reads an object by CID (tries JSON, then SVG) and checks its bytes still hash to that CID.
 * @returns null when no object with that CID is stored (or the CID is malformed)
 * @throws CidMismatchError when the stored bytes were altered
 */
export async function getContent(
  storage: StorageDriver,
  cid: string,
): Promise<{ bytes: Uint8Array; contentType: string } | null> {
  if (!isCidV1(cid)) return null;
  for (const ext of Object.keys(CONTENT_TYPES) as ContentExt[]) {
    try {
      const { body } = await storage.get(contentKey(cid, ext));
      const chunks: Buffer[] = [];
      for await (const chunk of body as Readable) chunks.push(Buffer.from(chunk as Uint8Array));
      const bytes = new Uint8Array(Buffer.concat(chunks));
      const actual = await cidOf(bytes);
      if (actual !== cid) throw new CidMismatchError(cid, actual);
      return { bytes, contentType: CONTENT_TYPES[ext] };
    } catch (err) {
      if (err instanceof StorageError && err.code === "not_found") continue;
      throw err;
    }
  }
  return null;
}
