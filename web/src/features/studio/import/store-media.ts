/**
 * Puts a course's media through the StorageDriver before the database transaction, remembering which objects
 * this run created so a failed import can remove exactly those (and never an object a live course uses).
 */
import { createReadStream } from "node:fs";
import type { StorageDriver } from "@/server/storage/types.ts";
import { CourseMediaError } from "./errors.ts";
import type { ParsedMedia } from "./model.ts";

/** A media file as stored. */
export interface StoredMedia {
  media: ParsedMedia;
  key: string;
  /** CIDv1 when the driver is content-addressed */
  cid?: string;
}

/**
 * Storage key of a course's media file: `courses/<courseId>/<first 16 hex of sha256>-<file name>`, the file name
 * reduced to `[A-Za-z0-9._-]`. Content-addressed, so re-importing identical content maps to the same key.
 */
export function mediaKey(courseId: string, media: Pick<ParsedMedia, "sha256" | "fileName">): string {
  const name =
    media.fileName
      .replace(/[^A-Za-z0-9._-]+/g, "_")
      .replace(/^\.+/, "_")
      .slice(0, 120) || "file";
  return `courses/${courseId}/${media.sha256.slice(0, 16)}-${name}`;
}

export interface MediaUpload {
  stored: StoredMedia[];
  /** keys this run created (to delete on failure) */
  created: string[];
}

/**
 * Stores every media file (streamed). An object that already exists at its content-addressed key with the same
 * size is reused without re-uploading.
 * @param upload filled in as objects are stored, so the caller can clean up after a failure mid-way
 * @throws CourseMediaError when a file's SHA-256 differs from the parsed one (changed while importing);
 *   StorageError from the driver
 */
export async function storeCourseMedia(
  storage: StorageDriver,
  courseId: string,
  media: ParsedMedia[],
  upload: MediaUpload,
): Promise<void> {
  for (const item of media) {
    const key = mediaKey(courseId, item);
    if ((await storage.size(key)) === item.sizeBytes && storage.kind !== "ipfs") {
      upload.stored.push({ media: item, key });
      continue;
    }
    upload.created.push(key);
    const result = await storage.put(key, createReadStream(item.absPath), item.mimeType);
    if (result.sha256 !== item.sha256 || result.sizeBytes !== item.sizeBytes) {
      throw new CourseMediaError(
        item.fileName,
        "file changed while importing (SHA-256 or size differs from the parsed file)",
      );
    }
    upload.stored.push({ media: item, key, ...(result.cid ? { cid: result.cid } : {}) });
  }
}

/**
 * Deletes objects (best effort: every key is attempted).
 * @returns messages of the deletions that failed
 */
export async function deleteObjects(storage: StorageDriver, keys: string[]): Promise<string[]> {
  const failures: string[] = [];
  for (const key of keys) {
    try {
      await storage.delete(key);
    } catch (err) {
      failures.push(`could not delete ${key}: ${(err as Error).message}`);
    }
  }
  return failures;
}
