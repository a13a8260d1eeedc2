/**
 * Entry points of course packs for routes and the CLI: export (studio: the course's provider or a platform
 * admin; marketplace: a school admin holding a licence), import from an upload or from PACKS_DIR.
 *
 * Licence rule of the marketplace download: a user with the SCHOOL_ADMIN (or PLATFORM_ADMIN) role may download
 * the pack of a published course when their own account holds an ACTIVE enrollment in it that comes from a
 * purchase (CRYPTO or CARD), an access code (CODE) or free enrollment (FREE) — i.e. the school bought or
 * redeemed a licence on the marketplace. Admin assignments (ADMIN) do not count.
 */
import { readdir, stat } from "node:fs/promises";
import { createReadStream } from "node:fs";
import path from "node:path";
import type { Writable } from "node:stream";
import type { PrismaClient } from "@smolitux/db";
import { ISSUER_NAME } from "@/features/certificates/deps.ts";
import type { IssuerKey } from "@/features/certificates/credential/keys.ts";
import { ownedCourse, type StudioActor } from "@/features/studio/access.ts";
import { hasRole, type SessionUser } from "@/server/auth.ts";
import { ApiError } from "@/server/http.ts";
import type { StorageDriver } from "@/server/storage/types.ts";
import { requireSchoolAdmin, type SchoolActor } from "@/features/school/access.ts";
import { exportCoursePack } from "./export.ts";
import { importPack, type PackImportOptions, type PackImportResult } from "./import.ts";

export interface PackServiceDeps {
  db: PrismaClient;
  storage: StorageDriver;
  key: () => Promise<IssuerKey>;
  tmpDir: string;
  packsDir: string | undefined;
}

/** Publisher name in exported manifests: the school's name when set, else the platform's. */
async function publisherName(db: PrismaClient): Promise<string> {
  const s = await db.schoolSettings.findUnique({ where: { id: "school" }, select: { name: true } });
  return s?.name ?? ISSUER_NAME;
}

/** File name of a course's pack download. */
export function packFileName(slug: string): string {
  return `${slug.replace(/[^A-Za-z0-9._-]+/g, "_")}.coursepack.tar`;
}

/** An authorized export: the course's slug and a function that streams the pack into `out`. */
export interface PreparedExport {
  slug: string;
  write(out: Writable): Promise<unknown>;
}

async function prepared(deps: PackServiceDeps, courseId: string, slug: string): Promise<PreparedExport> {
  const exportDeps = {
    db: deps.db,
    storage: deps.storage,
    key: await deps.key(),
    publisherName: await publisherName(deps.db),
  };
  return { slug, write: (out) => exportCoursePack(exportDeps, courseId, out) };
}

/**
 * Studio export: the course's provider (or a platform admin) downloads the pack of a published course.
 * @throws ApiError 403/404 (ownedCourse), 409 when the course is not published
 */
export async function studioExport(
  deps: PackServiceDeps,
  actor: StudioActor,
  courseId: string,
): Promise<PreparedExport> {
  const course = await ownedCourse(deps.db, actor, courseId);
  if (course.status !== "PUBLISHED") throw new ApiError("conflict", "Publish the course before exporting a pack.");
  return prepared(deps, courseId, course.slug);
}

/**
 * The marketplace licence rule (module doc) as a predicate: `roles` hold SCHOOL_ADMIN or PLATFORM_ADMIN and the
 * caller's own enrollment in the course is ACTIVE from a purchase, an access code or free enrollment (not ADMIN).
 * The course page offers the download exactly when this holds; {@link requirePackLicence} enforces it.
 */
export function holdsPackLicence(
  user: Pick<SessionUser, "roles">,
  enrollment: { status: "ACTIVE" | "REVOKED"; source: EnrollmentSourceName } | null,
): boolean {
  return (
    hasRole(user, "SCHOOL_ADMIN", "PLATFORM_ADMIN") &&
    enrollment !== null &&
    enrollment.status === "ACTIVE" &&
    enrollment.source !== "ADMIN"
  );
}

/** Enrollment sources (Prisma enum `EnrollmentSource`). */
type EnrollmentSourceName = "CRYPTO" | "CARD" | "CODE" | "FREE" | "ADMIN";

/**
 * Checks the marketplace licence rule (module doc) for `slug`.
 * @returns the course id
 * @throws ApiError forbidden (no school admin, or no licence), not_found (no published course)
 */
export async function requirePackLicence(db: PrismaClient, user: SessionUser, slug: string): Promise<string> {
  if (!hasRole(user, "SCHOOL_ADMIN", "PLATFORM_ADMIN")) {
    throw new ApiError("forbidden", "Course packs are offered to school admins.");
  }
  const course = await db.course.findUnique({ where: { slug }, select: { id: true, status: true } });
  if (!course || course.status !== "PUBLISHED")
    throw new ApiError("not_found", "No published course with this address.");
  const e = await db.enrollment.findUnique({
    where: { userId_courseId: { userId: user.id, courseId: course.id } },
    select: { status: true, source: true },
  });
  if (!holdsPackLicence(user, e)) {
    throw new ApiError("forbidden", "Buy the course or redeem an access code for it first: the pack needs a licence.");
  }
  return course.id;
}

/**
 * Marketplace export for a school admin holding a licence (module doc).
 * @throws ApiError from {@link requirePackLicence}
 */
export async function licencedExport(deps: PackServiceDeps, user: SessionUser, slug: string): Promise<PreparedExport> {
  const courseId = await requirePackLicence(deps.db, user, slug);
  return prepared(deps, courseId, slug);
}

/** A pack file in PACKS_DIR. */
export interface PackFile {
  name: string;
  sizeBytes: number;
}

/** `.tar` files directly inside PACKS_DIR (school admins). Empty when PACKS_DIR is unset or missing. */
export async function listPackFiles(deps: PackServiceDeps, actor: SchoolActor): Promise<PackFile[]> {
  requireSchoolAdmin(actor);
  if (!deps.packsDir) return [];
  const names = await readdir(deps.packsDir).catch(() => [] as string[]);
  const out: PackFile[] = [];
  for (const name of names.filter((n) => n.endsWith(".tar")).sort()) {
    const s = await stat(path.join(deps.packsDir, name)).catch(() => null);
    if (s?.isFile()) out.push({ name, sizeBytes: s.size });
  }
  return out;
}

/**
 * Imports `name` from PACKS_DIR (a plain file name; no folders).
 * @throws ApiError not_found (no such pack file / PACKS_DIR unset) and everything {@link importPack} throws
 */
export async function importPackFile(
  deps: PackServiceDeps,
  actor: SchoolActor,
  name: string,
  opts: PackImportOptions,
): Promise<PackImportResult> {
  requireSchoolAdmin(actor);
  const files = await listPackFiles(deps, actor);
  if (!deps.packsDir || !files.some((f) => f.name === name))
    throw new ApiError("not_found", "No such pack file in PACKS_DIR.");
  return importPack(deps, actor, createReadStream(path.join(deps.packsDir, name)), opts);
}
