/** The database half of an import: writes one parsed course inside a transaction the caller opened. */
import type { Currency, PrismaClient } from "@smolitux/db";
import { CourseImportError } from "./errors.ts";
import { MEDIA_REF_PREFIX, type ParsedCourse, type ParsedLesson } from "./model.ts";
import type { StoredMedia } from "./store-media.ts";

/** The transaction client Prisma passes to `$transaction(async (tx) => …)`. */
export type Tx = Parameters<Parameters<PrismaClient["$transaction"]>[0]>[0];

/** A price in minor units: cents for EUR/USD, wei (base units) for MATIC/ESN. */
export interface CoursePriceInput {
  currency: Currency;
  amount: bigint;
}

export interface WriteCourseInput {
  courseId: string;
  /** whether the course row exists already (update in place) */
  exists: boolean;
  course: ParsedCourse;
  stored: StoredMedia[];
  driver: "FS" | "S3" | "IPFS";
  providerId: string;
  status: "DRAFT" | "PUBLISHED";
  featured: boolean;
  isFree: boolean;
  prices: CoursePriceInput[];
  /** value for Course.source, e.g. `<sourceUrl>#sha256=<fingerprint>` */
  source: string;
  now: Date;
}

export interface WriteCourseResult {
  sections: number;
  lessons: number;
  questions: number;
  /** keys of media assets of the previous version no longer used (delete the objects after commit) */
  orphanedKeys: string[];
}

const MEDIA_REF = new RegExp(`${MEDIA_REF_PREFIX}([0-9a-f]{64})`, "g");

function lessonData(lesson: ParsedLesson, position: number, assetIds: Map<string, string>) {
  const asset = (sha: string | undefined) => {
    if (sha === undefined) return null;
    const id = assetIds.get(sha);
    if (!id) throw new CourseImportError(`lesson "${lesson.title}": media ${sha} was not stored`);
    return id;
  };
  return {
    title: lesson.title,
    kind: lesson.kind,
    position,
    body: lesson.body.replace(MEDIA_REF, (_all, sha: string) => `/api/media/${asset(sha) ?? ""}`),
    mediaId: asset(lesson.mediaSha256),
    captionsId: asset(lesson.captionsSha256),
    durationSeconds: lesson.durationSeconds ?? null,
    isPreview: lesson.isPreview,
    required: lesson.required,
    passMarkPercent: lesson.passMarkPercent,
    questions: {
      create: lesson.questions.map((q, i) => ({
        prompt: q.prompt,
        multiple: q.multiple,
        explanation: q.explanation,
        position: i,
        options: { create: q.options.map((o, j) => ({ text: o.text, correct: o.correct, position: j })) },
      })),
    },
    flashcards: { create: lesson.flashcards.map((f, i) => ({ front: f.front, back: f.back, position: i })) },
  };
}

/**
 * Creates or replaces the course row, its sections/lessons/questions/options/flashcards, its media assets and prices.
 * On update the Course id (and with it enrollments, reviews, access codes) is kept; sections and lessons are
 * recreated, so lesson ids change.
 */
export async function writeCourse(tx: Tx, input: WriteCourseInput): Promise<WriteCourseResult> {
  const { course, courseId } = input;
  const previous: Array<{ id: string; key: string }> = input.exists
    ? await tx.mediaAsset.findMany({ where: { key: { startsWith: `courses/${courseId}/` } }, select: { id: true, key: true } })
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
    status: input.status,
    isFree: input.isFree,
    featured: input.featured,
    providerId: input.providerId,
    coverId: course.coverSha256 ? (assetIds.get(course.coverSha256) ?? null) : null,
    source: input.source,
    license: [course.license, course.attribution].filter(Boolean).join(" — ") || null,
  };
  if (input.exists) {
    const current = await tx.course.findUniqueOrThrow({ where: { id: courseId }, select: { publishedAt: true } });
    const publishedAt = input.status === "PUBLISHED" ? (current.publishedAt ?? input.now) : current.publishedAt;
    await tx.course.update({ where: { id: courseId }, data: { ...fields, publishedAt } });
    await tx.section.deleteMany({ where: { courseId } });
    await tx.coursePrice.deleteMany({ where: { courseId, currency: { notIn: input.prices.map((p) => p.currency) } } });
  } else {
    await tx.course.create({
      data: { id: courseId, slug: course.slug, ...fields, publishedAt: input.status === "PUBLISHED" ? input.now : null },
    });
  }
  for (const price of input.prices) {
    await tx.coursePrice.upsert({
      where: { courseId_currency: { courseId, currency: price.currency } },
      create: { courseId, currency: price.currency, amount: price.amount.toString() },
      update: { amount: price.amount.toString() },
    });
  }

  let lessons = 0;
  let questions = 0;
  for (const [position, section] of course.sections.entries()) {
    await tx.section.create({
      data: { courseId, title: section.title, position, lessons: { create: section.lessons.map((l, i) => lessonData(l, i, assetIds)) } },
      select: { id: true },
    });
    lessons += section.lessons.length;
    questions += section.lessons.reduce((n, l) => n + l.questions.length, 0);
  }

  const keep = new Set(input.stored.map((s) => s.key));
  const orphans = previous.filter((p) => !keep.has(p.key));
  if (orphans.length) await tx.mediaAsset.deleteMany({ where: { id: { in: orphans.map((o) => o.id) } } });
  return { sections: course.sections.length, lessons, questions, orphanedKeys: orphans.map((o) => o.key) };
}
