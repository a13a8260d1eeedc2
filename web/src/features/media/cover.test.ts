import { mkdtemp, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { buffer } from "node:stream/consumers";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Prisma } from "@smolitux/db";
import { createTestDatabase, type TestDatabase } from "../../../test/db.ts";
import { ApiError } from "@/server/http.ts";
import { createFsStorage } from "@/server/storage/fs.ts";
import type { StorageDriver } from "@/server/storage/types.ts";
import { createCourse, updateCourse } from "@/features/studio/courses.ts";
import { courseInputSchema } from "@/features/studio/schemas.ts";
import { createUser } from "@/features/studio/testing/fixtures.ts";
import { COVER_SIZE, DERIVED_SUFFIX, deriveCover, ensureCourseCover, renderCover } from "./cover.ts";

const CONTENT = path.resolve(import.meta.dirname, "../../../content");
const SVG = path.join(CONTENT, "courses/git-novice/episodes/fig/git-committing.svg");
const JPEG = path.join(CONTENT, "media/mdn-cc0-videos/flower-cover.jpg");

let t: TestDatabase;
let dir: string;
let storage: StorageDriver;
let ownerId: string;

beforeAll(async () => {
  t = await createTestDatabase();
  dir = await mkdtemp(path.join(os.tmpdir(), "cover-test-"));
  storage = createFsStorage(dir);
  ownerId = (await t.db.user.create({ data: { name: "P", roles: ["LEARNER", "PROVIDER"] } })).id;
});
afterAll(async () => {
  await t.drop();
  await rm(dir, { recursive: true, force: true });
});

async function asset(file: string, mimeType: string): Promise<string> {
  const bytes = await readFile(file);
  const key = `uploads/${ownerId}/${Math.random().toString(36).slice(2)}-${path.basename(file)}`;
  const stored = await storage.put(key, Readable.from(bytes), mimeType);
  const row = await t.db.mediaAsset.create({
    data: {
      ownerId,
      driver: "FS",
      key: stored.key,
      mimeType,
      sizeBytes: BigInt(stored.sizeBytes),
      sha256: stored.sha256,
      originalName: path.basename(file),
    },
  });
  return row.id;
}

describe("renderCover", () => {
  it("turns a portrait JPEG and an SVG diagram into 1600×900 WebP with a small blurred placeholder", async () => {
    const portrait = await sharp({ create: { width: 600, height: 1200, channels: 3, background: "#c33" } })
      .jpeg()
      .toBuffer();
    for (const input of [portrait, await readFile(SVG)]) {
      const { cover, blurDataUrl } = await renderCover(input);
      const meta = await sharp(cover).metadata();
      expect(meta).toMatchObject({ format: "webp", width: COVER_SIZE.width, height: COVER_SIZE.height });
      expect(blurDataUrl).toMatch(/^data:image\/webp;base64,[A-Za-z0-9+/=]+$/);
      expect(blurDataUrl.length).toBeLessThan(1200);
      const blur = await sharp(Buffer.from(blurDataUrl.split(",")[1]!, "base64")).metadata();
      expect([blur.width, blur.height]).toEqual([32, 18]);
    }
  });

  it("answers 422 with a field error for bytes that are no image", async () => {
    const err = await renderCover(new TextEncoder().encode("not an image")).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).status).toBe(422);
    expect((err as ApiError).fields).toHaveProperty("coverId");
  });
});

describe("deriveCover / ensureCourseCover", () => {
  it("stores the derived cover once per source and sets the course's cover and placeholder", async () => {
    const source = await asset(JPEG, "image/jpeg");
    const first = await deriveCover({ db: t.db, storage }, ownerId, source);
    const again = await deriveCover({ db: t.db, storage }, ownerId, source);
    expect(again.coverId).toBe(first.coverId);
    const row = await t.db.mediaAsset.findUniqueOrThrow({ where: { id: first.coverId } });
    expect(row).toMatchObject({ ownerId, mimeType: "image/webp" });
    expect(row.originalName.endsWith(DERIVED_SUFFIX)).toBe(true);
    const stored = await buffer((await storage.get(row.key)).body);
    expect(await sharp(stored).metadata()).toMatchObject({ width: 1600, height: 900, format: "webp" });
    // A derived cover passed in again is kept.
    expect((await deriveCover({ db: t.db, storage }, ownerId, first.coverId)).coverId).toBe(first.coverId);

    const course = await t.db.course.create({
      data: {
        slug: `cover-${Date.now()}`,
        title: "Covered",
        providerId: ownerId,
        coverId: await asset(SVG, "image/svg+xml"),
      },
    });
    await ensureCourseCover({ db: t.db, storage }, course.id);
    const after = await t.db.course.findUniqueOrThrow({ where: { id: course.id }, include: { cover: true } });
    expect(after.cover?.mimeType).toBe("image/webp");
    expect(after.coverBlurDataUrl).toMatch(/^data:image\/webp;base64,/);
    // The usage relation (which grants public read access to covers) names the derived cover.
    const usages = await t.db.mediaUsage.findMany({ where: { courseId: course.id, kind: "COVER" } });
    expect(usages.map((u) => u.assetId)).toEqual([after.coverId]);
    // Idempotent: a second run changes nothing.
    await ensureCourseCover({ db: t.db, storage }, course.id);
    expect((await t.db.course.findUniqueOrThrow({ where: { id: course.id } })).coverId).toBe(after.coverId);
  });
});

describe("studio courses with a cover", () => {
  const input = (coverId: string | null, coverAlt?: string) =>
    courseInputSchema.safeParse({
      title: "Covers",
      language: "en",
      level: "BEGINNER",
      category: "web",
      coverId,
      coverAlt,
    });

  it("requires alt text with a cover, derives the cover on create and keeps it on an unchanged save", async () => {
    const provider = await createUser(t.db, "Cora");
    const upload = await asset(JPEG, "image/jpeg");
    await t.db.mediaAsset.update({ where: { id: upload }, data: { ownerId: provider.id } });
    const missing = input(upload);
    expect(missing.success).toBe(false);
    expect(missing.error?.issues[0]?.path).toEqual(["coverAlt"]);
    expect(input(null).success).toBe(true);

    const parsed = input(upload, "A red flower bud");
    if (!parsed.success) throw parsed.error;
    const { id } = await createCourse(t.db, provider, parsed.data, storage);
    const created = await t.db.course.findUniqueOrThrow({ where: { id }, include: { cover: true } });
    expect(created.coverId).not.toBe(upload);
    expect(created).toMatchObject({
      coverAlt: "A red flower bud",
      cover: { mimeType: "image/webp", ownerId: provider.id },
    });
    expect(created.coverBlurDataUrl).toMatch(/^data:image\/webp;base64,/);

    // The editor sends the derived id back: nothing is derived again.
    await updateCourse(t.db, provider, id, { ...parsed.data, coverId: created.coverId, coverAlt: "Flower" }, storage);
    const saved = await t.db.course.findUniqueOrThrow({ where: { id } });
    expect(saved).toMatchObject({
      coverId: created.coverId,
      coverAlt: "Flower",
      coverBlurDataUrl: created.coverBlurDataUrl,
    });
    // Removing the cover clears the placeholder too.
    await updateCourse(t.db, provider, id, { ...parsed.data, coverId: null, coverAlt: "" }, storage);
    expect(await t.db.course.findUniqueOrThrow({ where: { id } })).toMatchObject({
      coverId: null,
      coverBlurDataUrl: null,
    });
  });
});

describe("studio cover crop (issue 14 item 1)", () => {
  /** A 1000 × 1000 PNG: left half red, right half blue, a green band in the lower quarter of the right half. */
  async function quadrants(): Promise<Buffer> {
    const half = (color: string) => sharp({ create: { width: 500, height: 1000, channels: 3, background: color } });
    const band = await sharp({ create: { width: 500, height: 250, channels: 3, background: "#00ff00" } })
      .png()
      .toBuffer();
    return sharp({ create: { width: 1000, height: 1000, channels: 3, background: "#ff0000" } })
      .composite([
        { input: await half("#0000ff").png().toBuffer(), left: 500, top: 0 },
        { input: band, left: 500, top: 750 },
      ])
      .png()
      .toBuffer();
  }

  /** The mean colour of the stored cover's pixels. */
  async function meanColour(bytes: Buffer): Promise<[number, number, number]> {
    const { channels } = await sharp(bytes).stats();
    return [channels[0]!.mean, channels[1]!.mean, channels[2]!.mean];
  }

  it("stores exactly the region chosen in the 16:9 cropper, as a 16:9 WebP, separately per crop", async () => {
    const provider = await createUser(t.db, "Crop");
    const png = await quadrants();
    const key = `uploads/${provider.id}/quadrants.png`;
    const stored = await storage.put(key, Readable.from(png), "image/png");
    const upload = (
      await t.db.mediaAsset.create({
        data: {
          ownerId: provider.id,
          driver: "FS",
          key: stored.key,
          mimeType: "image/png",
          sizeBytes: BigInt(stored.sizeBytes),
          sha256: stored.sha256,
          originalName: "quadrants.png",
        },
      })
    ).id;
    // The right half's upper part: 500 × 281.25 px = 50 % × 28.125 % (16:9), entirely blue.
    const blueCrop = { x: 50, y: 10, width: 50, height: 28.125 };
    const parsed = courseInputSchema.parse({
      title: "Cropped",
      language: "en",
      level: "BEGINNER",
      category: "web",
      coverId: upload,
      coverAlt: "A blue field",
      coverCrop: blueCrop,
    });
    const { id } = await createCourse(t.db, provider, parsed, storage);
    const course = await t.db.course.findUniqueOrThrow({ where: { id }, include: { cover: true } });
    const cover = await buffer((await storage.get(course.cover!.key)).body);
    const meta = await sharp(cover).metadata();
    expect(meta).toMatchObject({ format: "webp", width: 1600, height: 900 });
    expect(meta.width! / meta.height!).toBeCloseTo(16 / 9, 5);
    const [r, g, b] = await meanColour(cover);
    expect(b).toBeGreaterThan(240);
    expect(r).toBeLessThan(15);
    expect(g).toBeLessThan(15);

    // Another crop of the same upload (the green band in the lower right) is another derived cover.
    const greenCrop = { x: 50, y: 75, width: 25, height: 14.0625 };
    await updateCourse(t.db, provider, id, { ...parsed, coverCrop: greenCrop }, storage);
    const recropped = await t.db.course.findUniqueOrThrow({ where: { id }, include: { cover: true } });
    expect(recropped.coverId).not.toBe(course.coverId);
    const green = await buffer((await storage.get(recropped.cover!.key)).body);
    expect(await sharp(green).metadata()).toMatchObject({ width: 1600, height: 900 });
    const [r2, g2, b2] = await meanColour(green);
    expect(g2).toBeGreaterThan(240);
    expect(r2 + b2).toBeLessThan(30);

    // The original and the crop are kept (issue 14 item 1: re-crop later without a new upload).
    expect(course).toMatchObject({ coverSourceId: upload, coverCrop: blueCrop });
    expect(recropped).toMatchObject({ coverSourceId: upload, coverCrop: greenCrop });
    // An unchanged save (the editor sends the derived id back) keeps them.
    await updateCourse(t.db, provider, id, { ...parsed, coverId: recropped.coverId, coverCrop: null }, storage);
    expect(await t.db.course.findUniqueOrThrow({ where: { id } })).toMatchObject({
      coverId: recropped.coverId,
      coverSourceId: upload,
      coverCrop: greenCrop,
    });
    // Re-cropping back to the first region reuses the first derived cover.
    await updateCourse(t.db, provider, id, { ...parsed, coverId: upload, coverCrop: blueCrop }, storage);
    expect(await t.db.course.findUniqueOrThrow({ where: { id } })).toMatchObject({
      coverId: course.coverId,
      coverSourceId: upload,
      coverCrop: blueCrop,
    });

    // Covers derived before the columns existed get their original and crop back from the derived key (migration).
    await t.db.course.update({ where: { id }, data: { coverSourceId: null, coverCrop: Prisma.DbNull } });
    const sql = await readFile(
      path.resolve(
        import.meta.dirname,
        "../../../../prisma/migrations/20261206200000_course_cover_source/migration.sql",
      ),
      "utf8",
    );
    for (const statement of sql.split(";").filter((s) => /^\s*UPDATE/m.test(s.replace(/^--.*$/gm, ""))))
      await t.db.$executeRawUnsafe(statement);
    // (the key holds the crop to two decimals)
    expect(await t.db.course.findUniqueOrThrow({ where: { id } })).toMatchObject({
      coverSourceId: upload,
      coverCrop: { x: 50, y: 10, width: 50, height: 28.13 },
    });

    // Removing the cover forgets the original too.
    await updateCourse(t.db, provider, id, { ...parsed, coverId: null, coverCrop: null, coverAlt: "" }, storage);
    expect(await t.db.course.findUniqueOrThrow({ where: { id } })).toMatchObject({
      coverId: null,
      coverSourceId: null,
      coverCrop: null,
    });

    // A crop outside the image is refused beside the field.
    const outside = courseInputSchema.safeParse({ ...parsed, coverCrop: { x: 80, y: 0, width: 50, height: 28 } });
    expect(outside.success).toBe(false);
    expect(outside.error?.issues[0]?.path).toEqual(["coverCrop"]);
  });
});
