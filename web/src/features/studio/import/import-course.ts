/**
 * Imports a parsed course into the database and the media storage — all or nothing.
 *
 * Idempotency: the course row records a fingerprint (SHA-256 over the parsed content hash, the import options and
 * {@link IMPORTER_VERSION}) in `Course.source` as `<sourceUrl>#sha256=<fingerprint>`. Re-importing the same slug with
 * the same fingerprint is a no-op ("unchanged", one query). A different fingerprint updates the course in place: the
 * Course id is kept (enrollments, reviews, prices, on-chain id stay valid), sections/lessons are recreated.
 * A slug owned by another provider, or a course not created by the importer, is never overwritten.
 *
 * Atomicity: one interactive transaction, serialized per slug with a transaction-level advisory lock. Media are
 * stored inside it (before any row is written); on failure the transaction rolls back and every object this run
 * created is deleted. Objects of the previous version that are no longer used are deleted after commit.
 */
import { createHash, randomBytes } from "node:crypto";
import type { PrismaClient } from "@smolitux/db";
import type { StorageDriver } from "@/server/storage/types.ts";
import { CourseConflictError, CourseImportError } from "./errors.ts";
import type { ParsedCourse } from "./model.ts";
import { parseCourseFolder, type ParseOptions } from "./parse-course.ts";
import { deleteObjects, storeCourseMedia, type MediaUpload } from "./store-media.ts";
import { writeCourse, type CoursePriceInput } from "./write-course.ts";

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
  /** cents for EUR/USD, wei for MATIC/ESN; at most one per currency */
  prices?: CoursePriceInput[];
  /** default: true when no prices are given */
  isFree?: boolean;
  /** re-import even when the fingerprint matches */
  force?: boolean;
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
const FINGERPRINT = /#sha256=([0-9a-f]{64})$/;

function courseId(): string {
  return `c${randomBytes(12).toString("hex").slice(0, 24)}`;
}

function fingerprint(course: ParsedCourse, o: Required<Pick<ImportOptions, "providerId" | "publish" | "featured" | "isFree">>, prices: CoursePriceInput[]): string {
  const sortedPrices = [...prices].sort((a, b) => a.currency.localeCompare(b.currency)).map((p) => `${p.currency}:${p.amount}`);
  const payload = JSON.stringify({ v: IMPORTER_VERSION, content: course.contentHash, ...o, prices: sortedPrices });
  return createHash("sha256").update(payload).digest("hex");
}

function checkPrices(slug: string, prices: CoursePriceInput[], isFree: boolean): void {
  const seen = new Set<string>();
  for (const p of prices) {
    if (seen.has(p.currency)) throw new CourseImportError(`course "${slug}": two prices in ${p.currency}`);
    if (p.amount <= 0n) throw new CourseImportError(`course "${slug}": price in ${p.currency} must be a positive integer (cents/wei), got ${p.amount}`);
    seen.add(p.currency);
  }
  if (isFree && prices.length) throw new CourseImportError(`course "${slug}": a free course cannot have prices`);
  if (!isFree && !prices.length) throw new CourseImportError(`course "${slug}": a paid course needs at least one price`);
}

/**
 * Writes `course` (see module doc for idempotency and atomicity).
 * @throws CourseConflictError when the slug belongs to another provider or to a course the importer did not create;
 *   CourseImportError for invalid options; CourseMediaError / StorageError / Prisma errors when writing fails
 *   (nothing is left behind in that case)
 */
export async function importCourse(deps: ImportDeps, course: ParsedCourse, options: ImportOptions): Promise<ImportResult> {
  const started = performance.now();
  const prices = options.prices ?? [];
  const opts = { providerId: options.providerId, publish: options.publish ?? false, featured: options.featured ?? false, isFree: options.isFree ?? prices.length === 0 };
  checkPrices(course.slug, prices, opts.isFree);
  const print = fingerprint(course, opts, prices);
  const base = { slug: course.slug, warnings: course.warnings, sections: course.sections.length, mediaAssets: course.media.length };
  const counts = { lessons: course.sections.reduce((n, s) => n + s.lessons.length, 0), questions: course.sections.reduce((n, s) => n + s.lessons.reduce((m, l) => m + l.questions.length, 0), 0) };
  const unchanged = (id: string): ImportResult => ({ ...base, ...counts, status: "unchanged", courseId: id, mediaUploaded: 0, elapsedMs: performance.now() - started });

  const known = await deps.db.course.findUnique({ where: { slug: course.slug }, select: { id: true, source: true } });
  if (known && !options.force && FINGERPRINT.exec(known.source ?? "")?.[1] === print) return unchanged(known.id);

  const upload: MediaUpload = { stored: [], created: [] };
  let outcome: ImportResult;
  let orphanedKeys: string[] = [];
  try {
    outcome = await deps.db.$transaction(
      async (tx) => {
        await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`smolitux:course-import:${course.slug}`}))`;
        const existing = await tx.course.findUnique({ where: { slug: course.slug }, select: { id: true, source: true, providerId: true } });
        const existingPrint = FINGERPRINT.exec(existing?.source ?? "")?.[1];
        if (existing && !options.force && existingPrint === print) return unchanged(existing.id);
        if (existing && existing.providerId !== options.providerId) throw new CourseConflictError(course.slug, "the slug belongs to another provider's course");
        if (existing && !existingPrint) throw new CourseConflictError(course.slug, "a course with this slug exists and was not created by the importer");
        const id = existing?.id ?? courseId();
        await storeCourseMedia(deps.storage, id, course.media, upload);
        const written = await writeCourse(tx, {
          courseId: id,
          exists: existing !== null,
          course,
          stored: upload.stored,
          driver: DRIVERS[deps.storage.kind],
          providerId: options.providerId,
          status: opts.publish ? "PUBLISHED" : "DRAFT",
          featured: opts.featured,
          isFree: opts.isFree,
          prices,
          source: `${course.sourceUrl ?? `local:${course.slug}`}#sha256=${print}`,
          now: options.now ?? new Date(),
        });
        orphanedKeys = written.orphanedKeys;
        return { ...base, ...written, status: existing ? "updated" : "created", courseId: id, mediaUploaded: upload.created.length, elapsedMs: 0 } satisfies ImportResult;
      },
      { maxWait: 30_000, timeout: 600_000 },
    );
  } catch (err) {
    const failures = await deleteObjects(deps.storage, upload.created);
    if (failures.length) throw new CourseImportError(`${(err as Error).message}; cleanup failed: ${failures.join("; ")}`, { cause: err });
    throw err;
  }
  const cleanup = await deleteObjects(deps.storage, orphanedKeys);
  return { ...outcome, warnings: [...outcome.warnings, ...cleanup], elapsedMs: Math.round(performance.now() - started) };
}

/**
 * Parses a course folder and imports it: {@link parseCourseFolder} then {@link importCourse}.
 * @throws everything those two throw
 */
export async function importCourseFolder(deps: ImportDeps, folder: string, options: ImportOptions, parse: ParseOptions = {}): Promise<ImportResult> {
  return importCourse(deps, await parseCourseFolder(folder, parse), options);
}
