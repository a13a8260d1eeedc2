/**
 * Profile pictures and provider logos: an uploaded PNG, JPEG or WebP (≤ 2 MB) becomes a 256 × 256 px WebP,
 * cropped around its most interesting region (sharp's `attention` strategy), stored on the user row and
 * served publicly by GET /api/users/<id>/avatar. `User.image` then points there (with a version parameter,
 * so caches see a new URL after each change); catalog cards and course pages draw it.
 */
import type { PrismaClient } from "@smolitux/db";
import sharp from "sharp";
import { ApiError } from "@/server/http.ts";

/** Largest accepted upload in bytes. */
export const AVATAR_MAX_BYTES = 2 * 1024 * 1024;
/** Side of the stored square image in pixels. */
export const AVATAR_SIZE = 256;
/** Largest source image sharp is asked to decode, in pixels (guards against decompression bombs). */
const MAX_INPUT_PIXELS = 40_000_000;

/**
 * The 413 of an upload over {@link AVATAR_MAX_BYTES}. Like every refusal of the upload it names the field `file` with
 * a code (`image_too_large`, `image_type`, `image_unreadable`) that the account page translates (`auth.fieldErrors`;
 * `studio/field-error-codes.test.ts` checks each code has a text).
 */
export function avatarTooLarge(): ApiError {
  return new ApiError("payload_too_large", "The picture may be at most 2 MB.", { file: "image_too_large" });
}

/** The image type from the magic bytes (PNG, JPEG, WebP), or null. */
export function sniffImage(bytes: Uint8Array): "image/png" | "image/jpeg" | "image/webp" | null {
  if (bytes.length >= 8 && bytes[0] === 0x89 && bytes[1] === 0x50 && bytes[2] === 0x4e && bytes[3] === 0x47) {
    return "image/png";
  }
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return "image/jpeg";
  if (
    bytes.length >= 12 &&
    String.fromCharCode(...bytes.subarray(0, 4)) === "RIFF" &&
    String.fromCharCode(...bytes.subarray(8, 12)) === "WEBP"
  ) {
    return "image/webp";
  }
  return null;
}

/** The public URL of a user's avatar, versioned by its change time. */
export function avatarUrl(userId: string, changedAt: Date): string {
  return `/api/users/${encodeURIComponent(userId)}/avatar?v=${changedAt.getTime()}`;
}

/**
 * Stores `bytes` as the user's avatar (replacing the previous one) and points `User.image` at it; an empty
 * body removes it.
 * @returns the new `User.image` (null when removed)
 * @throws ApiError payload_too_large (> 2 MB; field `file`: `image_too_large`), unsupported_media_type (not
 *   PNG/JPEG/WebP; `image_type`), validation_failed (not decodable; `image_unreadable`)
 */
export async function setAvatar(
  db: PrismaClient,
  userId: string,
  bytes: Uint8Array,
  now = new Date(),
): Promise<string | null> {
  if (bytes.length > AVATAR_MAX_BYTES) throw avatarTooLarge();
  if (bytes.length === 0) {
    await db.user.update({ where: { id: userId }, data: { avatar: null, image: null } });
    return null;
  }
  if (!sniffImage(bytes)) {
    throw new ApiError("unsupported_media_type", "Upload the picture as PNG, JPEG or WebP.", { file: "image_type" });
  }
  let webp: Buffer;
  try {
    webp = await sharp(bytes, { limitInputPixels: MAX_INPUT_PIXELS })
      .rotate()
      .resize(AVATAR_SIZE, AVATAR_SIZE, { fit: "cover", position: sharp.strategy.attention })
      .webp({ quality: 82 })
      .toBuffer();
  } catch {
    throw new ApiError("validation_failed", "The picture could not be read.", { file: "image_unreadable" });
  }
  const image = avatarUrl(userId, now);
  await db.user.update({ where: { id: userId }, data: { avatar: new Uint8Array(webp), image } });
  return image;
}

/** The stored avatar (WebP bytes), or null. */
export async function getAvatar(db: PrismaClient, userId: string): Promise<Buffer | null> {
  const u = await db.user.findUnique({ where: { id: userId }, select: { avatar: true } });
  return u?.avatar ? Buffer.from(u.avatar) : null;
}
