/**
 * One interface for media storage; the driver (local disk, S3, IPFS) is chosen by STORAGE_DRIVER.
 * Keys are relative, slash-separated paths (`[A-Za-z0-9._-]` segments, no `..`).
 */
import type { Readable } from "node:stream";

/** What a driver reports after storing an object. */
export interface StoredObject {
  key: string;
  /** size in bytes */
  sizeBytes: number;
  /** lowercase hex SHA-256 of the content */
  sha256: string;
  /** CIDv1 (base32) when the driver is content-addressed (IPFS) */
  cid?: string;
}

/** A byte range, inclusive on both ends, as in HTTP `Range: bytes=start-end` (RFC 9110 §14.1.2). */
export interface ByteRange {
  start: number;
  end: number;
}

export interface ObjectStream {
  body: Readable;
  /** total size of the object in bytes (not of the range) */
  sizeBytes: number;
}

export interface StorageDriver {
  readonly kind: "fs" | "s3" | "ipfs";
  /**
   * Stores `body` under `key`, streaming; computes size and SHA-256 on the way.
   * @throws StorageError("invalid_key") for a malformed key
   */
  put(key: string, body: Readable | Uint8Array, contentType: string): Promise<StoredObject>;
  /**
   * Opens the object (or the given byte range of it).
   * @throws StorageError("not_found") when the key does not exist
   */
  get(key: string, range?: ByteRange): Promise<ObjectStream>;
  /** Size in bytes, or null when the key does not exist. */
  size(key: string): Promise<number | null>;
  /** Removes the object; removing a missing key is not an error. */
  delete(key: string): Promise<void>;
  /**
   * A time-limited URL a browser can fetch directly, when the driver supports it (S3 presigned GET);
   * null means "serve through the app".
   * @param expiresInSeconds lifetime of the URL in seconds
   */
  presignedGetUrl(key: string, expiresInSeconds: number): Promise<string | null>;
  /** Throws when the backend is unreachable or not writable. */
  health(): Promise<void>;
}

export type StorageErrorCode = "invalid_key" | "not_found" | "backend_error";

export class StorageError extends Error {
  constructor(
    readonly code: StorageErrorCode,
    message: string,
  ) {
    super(message);
    this.name = "StorageError";
  }
}

const SEGMENT = /^[A-Za-z0-9._-]+$/;

/**
 * Validates a storage key.
 * @throws StorageError("invalid_key")
 */
export function assertValidKey(key: string): void {
  const segments = key.split("/");
  if (key.length === 0 || key.length > 512 || segments.some((s) => !SEGMENT.test(s) || s === "." || s === "..")) {
    throw new StorageError("invalid_key", `invalid storage key: ${JSON.stringify(key)}`);
  }
}
