/** The database half of an import: writes one parsed course inside a transaction the caller opened. */
import type { Currency, PrismaClient } from "@smolitux/db";
import { courseIdToBytes32 } from "@smolitux/contracts/courseId";
import type { ParsedCourse } from "./model.ts";
import type { StoredMedia } from "./store-media.ts";
import { syncCourseMediaUsage } from "@/features/media/usage.ts";
import { syncCourseTree } from "./sync-tree.ts";

/** The transaction client Prisma passes to `$transaction(async (tx) => …)`. */
export type Tx = Parameters<Parameters<PrismaClient["$transaction"]>[0]>[0];

/** A price in minor units: cents for EUR/USD, wei (base units) for POL/ESN. */
export interface CoursePriceInput {
  currency: Currency;
  amount: bigint;
}

/** The commercial settings of an import (everything not read from the course folder). */
export interface CourseSettings {
  providerId: string;
  status: "DRAFT" | "PUBLISHED";
  featured: boolean;
  isFree: boolean;
  prices: CoursePriceInput[];
  now: Date;
}

export interface WriteCourseInput extends CourseSettings {
  courseId: string;
  /** whether the course row exists already (update in place) */
  exists: boolean;
  course: ParsedCourse;
  stored: StoredMedia[];
  driver: "FS" | "S3" | "IPFS";
  /** value for Course.contentHash */
  contentHash: string;
}

export interface WriteCourseResult {
  sections: number;
  lessons: number;
  questions: number;
  /** keys of media assets of the previous version no longer used (delete the objects after commit) */
  orphanedKeys: string[];
}

/**
 * Applies status, featured, free flag and prices to an existing course (publishedAt is set on first publication
 * and kept afterwards).
 */
export async function writeSettings(tx: Tx, courseId: string, s: CourseSettings): Promise<void> {
  const current = await tx.course.findUniqueOrThrow({ where: { id: courseId }, select: { publishedAt: true } });
  const publishedAt = s.status === "PUBLISHED" ? (current.publishedAt ?? s.now) : current.publishedAt;
  await tx.course.update({
    where: { id: courseId },
    data: { status: s.status, featured: s.featured, isFree: s.isFree, providerId: s.providerId, publishedAt },
  });
  await tx.coursePrice.deleteMany({ where: { courseId, currency: { notIn: s.prices.map((p) => p.currency) } } });
  for (const price of s.prices) {
    await tx.coursePrice.upsert({
      where: { courseId_currency: { courseId, currency: price.currency } },
      create: { courseId, currency: price.currency, amount: price.amount.toString() },
      update: { amount: price.amount.toString() },
    });
  }
}

/**
 * Creates or updates the course row, its media assets, prices and lesson tree (see sync-tree.ts for how
 * existing rows are kept). On update the Course id — and with it the on-chain id, enrollments, reviews,
 * certificates — is kept.
 */
export async function writeCourse(tx: Tx, input: WriteCourseInput): Promise<WriteCourseResult> {
  const { course, courseId } = input;
  const previous: Array<{ id: string; key: string }> = input.exists
    ? await tx.mediaAsset.findMany({
        where: { key: { startsWith: `courses/${courseId}/` } },
        select: { id: true, key: true },
      })
    : [];

  const assetIds = new Map<string, string>();
  for (const item of input.stored) {
    const reuse = previous.find((p) => p.key === item.key);
    const data = {
      ownerId: input.providerId,
      mimeType: item.media.mimeType,
      sizeBytes: BigInt(item.media.sizeBytes),
      sha256: item.media.sha256,
      originalName: item.media.fileName,
      cid: item.cid ?? null,
    };
    const asset = reuse
      ? await tx.mediaAsset.update({ where: { id: reuse.id }, data, select: { id: true } })
      : await tx.mediaAsset.create({ data: { ...data, driver: input.driver, key: item.key }, select: { id: true } });
    assetIds.set(item.media.sha256, asset.id);
  }

  const fields = {
    title: course.title,
    subtitle: course.subtitle,
    description: course.description,
    language: course.language,
    level: course.level,
    category: course.category,
    tags: course.tags,
    learningOutcomes: course.learningOutcomes ?? [],
    requirements: course.requirements ?? [],
    coverId: course.coverSha256 ? (assetIds.get(course.coverSha256) ?? null) : null,
    coverAlt: course.coverAlt ?? "",
    coverBlurDataUrl: null,
    source: course.sourceUrl,
    license: [course.license, course.attribution].filter(Boolean).join(" — ") || null,
    contentHash: input.contentHash,
  };
  if (input.exists) {
    await tx.course.update({ where: { id: courseId }, data: fields });
  } else {
    await tx.course.create({
      data: {
        id: courseId,
        slug: course.slug,
        onchainCourseId: courseIdToBytes32(courseId),
        providerId: input.providerId,
        ...fields,
      },
    });
  }
  await writeSettings(tx, courseId, input);
  const counts = await syncCourseTree(tx, courseId, course.sections, assetIds);
  await syncCourseMediaUsage(tx, courseId);

  const keep = new Set(input.stored.map((s) => s.key));
  const orphans = previous.filter((p) => !keep.has(p.key));
  if (orphans.length) await tx.mediaAsset.deleteMany({ where: { id: { in: orphans.map((o) => o.id) } } });
  return { sections: course.sections.length, ...counts, orphanedKeys: orphans.map((o) => o.key) };
}
