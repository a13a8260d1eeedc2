/**
 * Course covers: any uploaded image (PNG, JPEG, SVG) becomes a 16:9 WebP of 1600 × 900 px, cropped around
 * its most interesting region (sharp's `attention` strategy), plus a tiny blurred preview — a WebP data URL
 * of 32 × 18 px (a few hundred bytes) stored on the course — that pages paint while the real image loads.
 * Pages serve the derived cover through `next/image`, which makes the responsive sizes (srcset) with sharp.
 * A derived cover is stored under a key made from its source's SHA-256, so deriving the same image twice
 * reuses the first result (re-imports, repeated saves).
 */
import type { PrismaClient, StorageDriver as StorageDriverEnum } from "@smolitux/db";
import { buffer } from "node:stream/consumers";
import sharp from "sharp";
import type { CoverCrop } from "@/features/studio/schemas.ts";
import { ApiError } from "@/server/http.ts";
import type { StorageDriver } from "@/server/storage/types.ts";
import { syncCourseMediaUsage } from "./usage.ts";

/** Width × height of a derived cover in pixels (16:9). */
export const COVER_SIZE = { width: 1600, height: 900 } as const;
/** Width × height of the blurred placeholder in pixels. */
export const BLUR_SIZE = { width: 32, height: 18 } as const;
/** Largest source image sharp is asked to decode, in pixels (guards against decompression bombs). */
const MAX_INPUT_PIXELS = 50_000_000;
/** `originalName` suffix of a derived cover. */
export const DERIVED_SUFFIX = ".cover.webp";

const DRIVER_ENUM: Record<StorageDriver["kind"], StorageDriverEnum> = { fs: "FS", s3: "S3", ipfs: "IPFS" };

/** Dependencies: the database and the media storage. */
export interface CoverDeps {
  db: PrismaClient;
  storage: StorageDriver;
}

/**
 * A derived cover: its MediaAsset id, the placeholder as a `data:image/webp;base64,…` URL, and the uploaded original
 * it was cut from (null when the asset passed in was a derived cover already).
 */
export interface DerivedCover {
  coverId: string;
  blurDataUrl: string;
  sourceId: string | null;
}

async function blurOf(cover: Uint8Array): Promise<string> {
  const blur = await sharp(cover).resize(BLUR_SIZE).webp({ quality: 40 }).toBuffer();
  return `data:image/webp;base64,${blur.toString("base64")}`;
}

/**
 * The pixel region of `crop` (percentages) in an image of `width` × `height` pixels: rounded to whole pixels, at least
 * 1 × 1, never outside the image.
 */
export function cropRegion(
  crop: CoverCrop,
  width: number,
  height: number,
): { left: number; top: number; width: number; height: number } {
  const left = Math.min(width - 1, Math.max(0, Math.round((crop.x / 100) * width)));
  const top = Math.min(height - 1, Math.max(0, Math.round((crop.y / 100) * height)));
  return {
    left,
    top,
    width: Math.max(1, Math.min(width - left, Math.round((crop.width / 100) * width))),
    height: Math.max(1, Math.min(height - top, Math.round((crop.height / 100) * height))),
  };
}

/**
 * The 16:9 cover (WebP, {@link COVER_SIZE}) and its blurred placeholder for the bytes of an image.
 * Transparent areas are flattened onto white; EXIF orientation is applied. With `crop` (the studio's cropper), that
 * region is cut out and scaled to 16:9; without, sharp's `attention` strategy picks the region.
 * @throws ApiError 422 with field `coverId` when sharp cannot decode the image
 */
export async function renderCover(
  input: Uint8Array,
  crop: CoverCrop | null = null,
): Promise<{ cover: Buffer; blurDataUrl: string }> {
  let cover: Buffer;
  try {
    const image = () => sharp(input, { limitInputPixels: MAX_INPUT_PIXELS, density: 144 }).rotate();
    let pipeline = image();
    if (crop) {
      const meta = await image().metadata();
      // dimensions after EXIF orientation (what the studio's cropper showed)
      const { width, height } = meta.autoOrient ?? meta;
      pipeline = pipeline.extract(cropRegion(crop, width, height));
    }
    cover = await pipeline
      .resize({ ...COVER_SIZE, fit: "cover", position: crop ? "centre" : sharp.strategy.attention })
      .flatten({ background: "#ffffff" })
      .webp({ quality: 82 })
      .toBuffer();
  } catch {
    throw new ApiError("unprocessable", "The cover image could not be read.", {
      coverId: "unreadable_image",
    });
  }
  return { cover, blurDataUrl: await blurOf(cover) };
}

/**
 * Derives the cover of asset `sourceId` for a course of provider `ownerId`: renders it (see
 * {@link renderCover}), stores the WebP through the storage driver and creates its MediaAsset row, owned by
 * the provider. An asset that is a derived cover already is kept (only its placeholder is recomputed);
 * a source derived before reuses that result.
 * @throws ApiError 422 when the image cannot be decoded; StorageError when the storage fails
 */
export async function deriveCover(
  deps: CoverDeps,
  ownerId: string,
  sourceId: string,
  crop: CoverCrop | null = null,
): Promise<DerivedCover> {
  const source = await deps.db.mediaAsset.findUniqueOrThrow({
    where: { id: sourceId },
    select: { id: true, key: true, sha256: true, originalName: true },
  });
  const read = async (key: string) => buffer((await deps.storage.get(key)).body);
  if (source.originalName.endsWith(DERIVED_SUFFIX)) {
    return { coverId: source.id, blurDataUrl: await blurOf(await read(source.key)), sourceId: null };
  }
  // one derived cover per source and crop
  const cropTag = crop ? `-${[crop.x, crop.y, crop.width, crop.height].map((n) => n.toFixed(2)).join("_")}` : "";
  const key = `covers/${ownerId}/${source.sha256}${cropTag}${DERIVED_SUFFIX}`;
  const driver = DRIVER_ENUM[deps.storage.kind];
  const known = await deps.db.mediaAsset.findUnique({ where: { driver_key: { driver, key } }, select: { id: true } });
  if (known && (await deps.storage.size(key)) !== null) {
    return { coverId: known.id, blurDataUrl: await blurOf(await read(key)), sourceId: source.id };
  }
  const { cover, blurDataUrl } = await renderCover(await read(source.key), crop);
  const stored = await deps.storage.put(key, cover, "image/webp");
  const base = source.originalName.replace(/\.[^.]*$/, "").replace(/[^A-Za-z0-9._-]/g, "_") || "cover";
  const data = {
    ownerId,
    driver,
    key: stored.key,
    cid: stored.cid ?? null,
    mimeType: "image/webp",
    sizeBytes: BigInt(stored.sizeBytes),
    sha256: stored.sha256,
    originalName: `${base}${DERIVED_SUFFIX}`,
  };
  const row = await deps.db.mediaAsset.upsert({
    where: { driver_key: { driver, key: stored.key } },
    create: data,
    update: data,
    select: { id: true },
  });
  return { coverId: row.id, blurDataUrl, sourceId: source.id };
}

/**
 * Makes sure course `courseId`'s cover is a derived 16:9 cover with a placeholder (a no-op when it is, or
 * when the course has no cover). Used after imports; the studio derives on save.
 */
export async function ensureCourseCover(deps: CoverDeps, courseId: string): Promise<void> {
  const course = await deps.db.course.findUniqueOrThrow({
    where: { id: courseId },
    select: { providerId: true, coverBlurDataUrl: true, cover: { select: { id: true, originalName: true } } },
  });
  if (!course.cover) return;
  if (course.cover.originalName.endsWith(DERIVED_SUFFIX) && course.coverBlurDataUrl) return;
  const derived = await deriveCover(deps, course.providerId, course.cover.id);
  await deps.db.$transaction(async (tx) => {
    await tx.course.update({
      where: { id: courseId },
      data: { coverId: derived.coverId, coverBlurDataUrl: derived.blurDataUrl, coverSourceId: derived.sourceId },
      select: { id: true },
    });
    // The derived cover replaces the source in the usage relation that grants read access (usage.ts).
    await syncCourseMediaUsage(tx, courseId);
  });
}
