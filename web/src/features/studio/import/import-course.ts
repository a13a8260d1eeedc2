/**
 * Imports a parsed course into the database and the media storage — all or nothing.
 *
 * Idempotency: `Course.contentHash` records a fingerprint of the content (SHA-256 over the parsed folder's content
 * hash and {@link IMPORTER_VERSION}). Re-importing the same slug:
 * - same content, same settings (provider, status, featured, free, prices) → no-op, status "unchanged" (one query);
 * - same content, other settings → only the course row and prices are updated ("updated");
 * - other content → updated in place ("updated"): the Course id (on-chain id, enrollments, reviews) is kept and the
 *   lesson tree is synchronized so matched lessons/questions/flashcards keep their ids (learner progress survives).
 * A slug owned by another provider, or a course the importer did not create (no contentHash), is never overwritten.
 *
 * Atomicity: one interactive transaction, serialized per slug with a transaction-level advisory lock. Media are
 * stored inside it (before any row is written); on failure the transaction rolls back and every object this run
 * created is deleted. Objects of the previous version that are no longer used are deleted after commit.
 */
import { createHash, randomBytes } from "node:crypto";
import type { PrismaClient } from "@smolitux/db";
import type { StorageDriver } from "@/server/storage/types.ts";
import { ensureCourseCover } from "@/features/media/cover.ts";
import { CourseConflictError, CourseImportError } from "./errors.ts";
import type { ParsedCourse } from "./model.ts";
import { parseCourseFolder, type ParseOptions } from "./parse-course.ts";
import { deleteObjects, storeCourseMedia, type MediaUpload } from "./store-media.ts";
import { writeCourse, writeSettings, type CoursePriceInput, type CourseSettings } from "./write-course.ts";

/** Bump when the conversion changes, so unchanged sources are re-imported once with the new output. */
export const IMPORTER_VERSION = 1;

export interface ImportDeps {
  db: PrismaClient;
  storage: StorageDriver;
}

export interface ImportOptions {
  /** id of the provider User who owns the course and its media */
  providerId: string;
  /** PUBLISHED sets publishedAt on first publication (default DRAFT) */
  publish?: boolean;
  featured?: boolean;
  /** cents for EUR/USD, wei for POL/ESN; at most one per currency */
  prices?: CoursePriceInput[];
  /** default: true when no prices are given */
  isFree?: boolean;
  /** re-import even when the fingerprint matches */
  force?: boolean;
  /**
   * A paid course without prices is allowed: it is granted only by assignment or access codes (course packs
   * imported by a school). Default false.
   */
  unpriced?: boolean;
  /** clock for publishedAt (tests) */
  now?: Date;
}

export interface ImportResult {
  status: "created" | "updated" | "unchanged";
  courseId: string;
  slug: string;
  sections: number;
  lessons: number;
  questions: number;
  /** media files written to storage by this run (0 when all objects already existed) */
  mediaUploaded: number;
  mediaAssets: number;
  warnings: string[];
  /** wall-clock milliseconds of the import (parse excluded) */
  elapsedMs: number;
}

const DRIVERS = { fs: "FS", s3: "S3", ipfs: "IPFS" } as const;

/** Importer marker of the first importer version (fingerprint in Course.source); such courses are updated. */
const LEGACY_MARKER = /#sha256=[0-9a-f]{64}$/;

function newCourseId(): string {
  return `c${randomBytes(12).toString("hex").slice(0, 24)}`;
}

function contentFingerprint(course: ParsedCourse): string {
  return createHash("sha256").update(`smolitux-importer-v${IMPORTER_VERSION}\0${course.contentHash}`).digest("hex");
}

function checkPrices(slug: string, prices: CoursePriceInput[], isFree: boolean, unpriced = false): void {
  const seen = new Set<string>();
  for (const p of prices) {
    if (seen.has(p.currency)) throw new CourseImportError(`course "${slug}": two prices in ${p.currency}`);
    if (p.amount <= 0n)
      throw new CourseImportError(
        `course "${slug}": price in ${p.currency} must be a positive integer (cents/wei), got ${p.amount}`,
      );
    seen.add(p.currency);
  }
  if (isFree && prices.length) throw new CourseImportError(`course "${slug}": a free course cannot have prices`);
  if (!isFree && !prices.length && !unpriced)
    throw new CourseImportError(`course "${slug}": a paid course needs at least one price`);
}

const EXISTING = {
  id: true,
  contentHash: true,
  source: true,
  providerId: true,
  status: true,
  featured: true,
  isFree: true,
  prices: { select: { currency: true, amount: true } },
} as const;

interface ExistingCourse {
  providerId: string;
  status: string;
  featured: boolean;
  isFree: boolean;
  prices: Array<{ currency: string; amount: { toFixed(digits: number): string } }>;
}

function sameSettings(row: ExistingCourse, s: CourseSettings): boolean {
  const key = (ps: Array<{ currency: string; amount: string }>) =>
    ps
      .map((p) => `${p.currency}:${p.amount}`)
      .sort()
      .join(",");
  return (
    row.providerId === s.providerId &&
    row.status === s.status &&
    row.featured === s.featured &&
    row.isFree === s.isFree &&
    key(row.prices.map((p) => ({ currency: p.currency, amount: p.amount.toFixed(0) }))) ===
      key(s.prices.map((p) => ({ currency: p.currency, amount: p.amount.toString() })))
  );
}

/**
 * Writes `course` (see module doc for idempotency and atomicity).
 * @throws CourseConflictError when the slug belongs to another provider or to a course the importer did not create;
 *   CourseImportError for invalid options; CourseMediaError / StorageError / Prisma errors when writing fails
 *   (nothing is left behind in that case)
 */
export async function importCourse(
  deps: ImportDeps,
  course: ParsedCourse,
  options: ImportOptions,
): Promise<ImportResult> {
  const started = performance.now();
  const prices = options.prices ?? [];
  const isFree = options.isFree ?? prices.length === 0;
  checkPrices(course.slug, prices, isFree, options.unpriced);
  const settings: CourseSettings = {
    providerId: options.providerId,
    status: options.publish ? "PUBLISHED" : "DRAFT",
    featured: options.featured ?? false,
    isFree,
    prices,
    now: options.now ?? new Date(),
  };
  const contentHash = contentFingerprint(course);
  const base = {
    slug: course.slug,
    warnings: course.warnings,
    sections: course.sections.length,
    lessons: course.sections.reduce((n, s) => n + s.lessons.length, 0),
    questions: course.sections.reduce((n, s) => n + s.lessons.reduce((m, l) => m + l.questions.length, 0), 0),
    mediaAssets: course.media.length,
    mediaUploaded: 0,
    elapsedMs: 0,
  };
  const done = (r: ImportResult): ImportResult => ({ ...r, elapsedMs: Math.round(performance.now() - started) });

  const known = await deps.db.course.findUnique({ where: { slug: course.slug }, select: EXISTING });
  if (known && !options.force && known.contentHash === contentHash && sameSettings(known, settings)) {
    await ensureCourseCover(deps, known.id);
    return done({ ...base, status: "unchanged", courseId: known.id });
  }

  const upload: MediaUpload = { stored: [], created: [] };
  let outcome: ImportResult;
  let orphanedKeys: string[] = [];
  try {
    outcome = await deps.db.$transaction(
      async (tx): Promise<ImportResult> => {
        await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`smolitux:course-import:${course.slug}`}))`;
        const existing = await tx.course.findUnique({ where: { slug: course.slug }, select: EXISTING });
        if (existing && existing.providerId !== options.providerId)
          throw new CourseConflictError(course.slug, "the slug belongs to another provider's course");
        if (existing && existing.contentHash === null && !LEGACY_MARKER.test(existing.source ?? ""))
          throw new CourseConflictError(
            course.slug,
            "a course with this slug exists and was not created by the importer",
          );
        if (existing && !options.force && existing.contentHash === contentHash) {
          if (sameSettings(existing, settings)) return { ...base, status: "unchanged", courseId: existing.id };
          await writeSettings(tx, existing.id, settings);
          return { ...base, status: "updated", courseId: existing.id };
        }
        const courseId = existing?.id ?? newCourseId();
        await storeCourseMedia(deps.storage, courseId, course.media, upload);
        const written = await writeCourse(tx, {
          ...settings,
          courseId,
          exists: existing !== null,
          course,
          stored: upload.stored,
          driver: DRIVERS[deps.storage.kind],
          contentHash,
        });
        orphanedKeys = written.orphanedKeys;
        const counts = { sections: written.sections, lessons: written.lessons, questions: written.questions };
        return {
          ...base,
          ...counts,
          status: existing ? "updated" : "created",
          courseId,
          mediaUploaded: upload.created.length,
        };
      },
      { maxWait: 30_000, timeout: 600_000 },
    );
  } catch (err) {
    const failures = await deleteObjects(deps.storage, upload.created);
    if (failures.length)
      throw new CourseImportError(`${(err as Error).message}; cleanup failed: ${failures.join("; ")}`, { cause: err });
    throw err;
  }
  const cleanup = await deleteObjects(deps.storage, orphanedKeys);
  // The cover becomes the 16:9 WebP with its blurred placeholder (outside the transaction: it only adds a
  // media asset and two course columns; a failure here leaves a complete course with its original cover).
  await ensureCourseCover(deps, outcome.courseId);
  return done({ ...outcome, warnings: [...outcome.warnings, ...cleanup] });
}

/**
 * Parses a course folder and imports it: {@link parseCourseFolder} then {@link importCourse}.
 * @throws everything those two throw
 */
export async function importCourseFolder(
  deps: ImportDeps,
  folder: string,
  options: ImportOptions,
  parse: ParseOptions = {},
): Promise<ImportResult> {
  return importCourse(deps, await parseCourseFolder(folder, parse), options);
}
