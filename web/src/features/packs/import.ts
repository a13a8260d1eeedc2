/**
 * Imports a course pack: extract (extract.ts) → verify everything (verify.ts) → trust check → only then
 * write, through the course importer (features/studio/import: media to storage and the course tree in one
 * transaction; lessons matched by kind + title keep their ids, so learner progress survives where lessons
 * still exist). Any failure before writing leaves the database and storage untouched.
 *
 * Rules: the same pack again (same manifest SHA-256) → "unchanged", nothing written; a newer version of the
 * same course (publisher did + course id) → "updated"; an older version → 409. The imported course is
 * published under a provider account standing for the publisher (username `pack-<hash>`, no password); it
 * stays free when it was free, otherwise it has no prices: pupils get it by class assignment or access code.
 */
import { createHash } from "node:crypto";
import type { Readable } from "node:stream";
import type { PrismaClient } from "@smolitux/db";
import { recordAudit } from "@/features/admin/audit.ts";
import { requireSchoolAdmin, type SchoolActor } from "@/features/school/access.ts";
import { CourseConflictError } from "@/features/studio/import/errors.ts";
import { importCourse } from "@/features/studio/import/import-course.ts";
import { ApiError } from "@/server/http.ts";
import type { StorageDriver } from "@/server/storage/types.ts";
import { extractPack } from "./extract.ts";
import { isTrusted, trustPublisher } from "./publishers.ts";
import { verifyPack, type VerifiedPack } from "./verify.ts";

export interface PackImportDeps {
  db: PrismaClient;
  storage: StorageDriver;
  /** folder for the temporary extraction (UPLOAD_TMP_DIR) */
  tmpDir: string;
}

export interface PackImportOptions {
  /** import although the publisher key is not trusted (and trust it from now on) */
  confirmUntrusted?: boolean;
}

export interface PackImportResult {
  status: "created" | "updated" | "unchanged";
  courseId: string;
  slug: string;
  title: string;
  version: number;
  publisher: { did: string; name: string; trusted: boolean };
  lessons: number;
  mediaFiles: number;
  /** milliseconds from first byte to commit */
  elapsedMs: number;
}

/** Username of the local provider account standing for a publisher key. */
export function publisherUsername(did: string): string {
  return `pack-${createHash("sha256").update(did).digest("hex").slice(0, 16)}`;
}

async function publisherAccount(db: PrismaClient, v: VerifiedPack): Promise<string> {
  const username = publisherUsername(v.manifest.publisher.did);
  const user = await db.user.upsert({
    where: { username },
    create: { username, name: v.manifest.publisher.name, roles: ["PROVIDER"] },
    update: { name: v.manifest.publisher.name },
    select: { id: true },
  });
  return user.id;
}

/**
 * Imports the pack read from `input` (a tar stream).
 * @throws ApiError forbidden (not a school admin), unprocessable (rejected pack: `fields.file`, `fields.reason`),
 *   conflict (`fields.reason`: "untrusted" → confirm and retry; "older_version"; "slug_taken")
 */
export async function importPack(
  deps: PackImportDeps,
  actor: SchoolActor,
  input: Readable,
  opts: PackImportOptions = {},
): Promise<PackImportResult> {
  requireSchoolAdmin(actor);
  const started = performance.now();
  const pack = await extractPack(input, deps.tmpDir);
  try {
    const v = await verifyPack(pack);
    const { did, name } = v.manifest.publisher;
    const trusted = await isTrusted(deps.db, did);
    if (!trusted && !opts.confirmUntrusted) {
      throw new ApiError(
        "conflict",
        `The pack is signed by a publisher key that is not trusted yet: ${name} (${did}). Confirm to import it and trust this key.`,
        { reason: "untrusted", publisher: name, did },
      );
    }
    const base = {
      slug: v.course.slug,
      title: v.course.title,
      version: v.manifest.course.version,
      publisher: { did, name, trusted: true },
      lessons: v.course.sections.reduce((n, s) => n + s.lessons.length, 0),
      mediaFiles: v.course.media.length,
    };
    const done = (r: Omit<PackImportResult, "elapsedMs">): PackImportResult => ({
      ...r,
      elapsedMs: Math.round(performance.now() - started),
    });
    const latest = await deps.db.coursePackImport.findFirst({
      where: { publisherDid: did, packCourseId: v.manifest.course.id },
      orderBy: { version: "desc" },
    });
    if (latest && latest.version > v.manifest.course.version) {
      throw new ApiError("conflict", `A newer version of this course (${latest.version}) is already installed.`, {
        reason: "older_version",
      });
    }
    const same = await deps.db.coursePackImport.findUnique({ where: { manifestSha256: v.manifestSha256 } });
    if (same) {
      if (!trusted) await trustPublisher(deps.db, actor, { did, name });
      return done({ ...base, status: "unchanged", courseId: same.courseId });
    }
    const providerId = await publisherAccount(deps.db, v);
    let result;
    try {
      result = await importCourse({ db: deps.db, storage: deps.storage }, v.course, {
        providerId,
        publish: true,
        isFree: v.isFree,
        unpriced: !v.isFree,
      });
    } catch (err) {
      if (err instanceof CourseConflictError) {
        throw new ApiError("conflict", `A different course already uses the address "${v.course.slug}".`, {
          reason: "slug_taken",
        });
      }
      throw err;
    }
    await deps.db.$transaction(async (tx) => {
      if (!trusted) await trustPublisher(tx, actor, { did, name });
      await tx.coursePackImport.upsert({
        where: { manifestSha256: v.manifestSha256 },
        create: {
          courseId: result.courseId,
          publisherDid: did,
          packCourseId: v.manifest.course.id,
          version: v.manifest.course.version,
          manifestSha256: v.manifestSha256,
          importedBy: actor.id,
        },
        update: {},
      });
      await recordAudit(tx, {
        actorId: actor.id,
        action: "packs.imported",
        entity: "Course",
        entityId: result.courseId,
        details: { did, version: v.manifest.course.version, status: result.status },
      });
    });
    return done({
      ...base,
      status: result.status === "unchanged" ? "unchanged" : result.status,
      courseId: result.courseId,
    });
  } finally {
    await pack.dispose();
  }
}
