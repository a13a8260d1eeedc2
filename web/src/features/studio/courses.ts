/** Studio course service: list, create, edit, read the full tree for editing, delete. */
import { randomBytes } from "node:crypto";
import { Prisma, type PrismaClient } from "@smolitux/db";
import { courseIdToBytes32 } from "@smolitux/contracts/courseId";
import { recordAudit } from "@/features/admin/audit.ts";
import { syncCourseMediaUsage } from "@/features/media/usage.ts";
import { toUnits, type Currency } from "@/lib/money.ts";
import { ApiError } from "@/server/http.ts";
import { assertAttachable, assertStudioUser, isAdmin, lockCourse, ownedCourse, type StudioActor } from "./access.ts";
import { syncListings, type ListingDeps } from "./listings.ts";
import type { CourseInput } from "./schemas.ts";
import { deriveCover } from "@/features/media/cover.ts";
import type { StorageDriver } from "@/server/storage/types.ts";

/** The cover columns of a course row. */
interface CoverColumns {
  coverId: string | null;
  coverBlurDataUrl?: string | null;
  coverSourceId?: string | null;
  coverCrop?: Prisma.InputJsonValue | typeof Prisma.DbNull;
}

/**
 * The cover columns for `input`: a newly attached image is derived into the 16:9 WebP cover with its
 * blurred placeholder when `storage` is given (route handlers always pass it; without it the image is
 * kept as uploaded, without placeholder). The uploaded original and the crop are kept (`coverSourceId`,
 * `coverCrop`), so the studio can re-crop later: it sends the original's id with a new crop. An unchanged cover
 * keeps its columns.
 */
async function coverColumns(
  db: PrismaClient,
  storage: StorageDriver | undefined,
  ownerId: string,
  input: CourseInput,
  current: { coverId: string | null } | null,
): Promise<CoverColumns> {
  const none = { coverSourceId: null, coverCrop: Prisma.DbNull };
  if (!input.coverId) return { coverId: null, coverBlurDataUrl: null, ...none };
  if (current && current.coverId === input.coverId) return { coverId: input.coverId };
  if (!storage) return { coverId: input.coverId, coverBlurDataUrl: null, ...none };
  const derived = await deriveCover({ db, storage }, ownerId, input.coverId, input.coverCrop);
  return {
    coverId: derived.coverId,
    coverBlurDataUrl: derived.blurDataUrl,
    coverSourceId: derived.sourceId,
    coverCrop: derived.sourceId && input.coverCrop ? { ...input.coverCrop } : Prisma.DbNull,
  };
}

/** The course columns of `input` (the cover crop is an instruction for deriving the cover, not a column). */
function columns(input: CourseInput): Omit<CourseInput, "coverCrop"> {
  const { coverCrop: _crop, ...rest } = input;
  return rest;
}

/** Image types a cover may have. */
export const COVER_TYPES = ["image/png", "image/jpeg", "image/svg+xml", "image/webp"] as const;

/** One row of "my courses". */
export interface StudioCourseRow {
  id: string;
  slug: string;
  title: string;
  status: "DRAFT" | "PUBLISHED" | "ARCHIVED";
  lessonCount: number;
  updatedAt: Date;
}

/** The actor's courses (all courses for a platform admin), newest first. */
export async function listMyCourses(db: PrismaClient, actor: StudioActor): Promise<StudioCourseRow[]> {
  assertStudioUser(actor);
  const rows = await db.course.findMany({
    where: isAdmin(actor) ? {} : { providerId: actor.id },
    orderBy: { updatedAt: "desc" },
    select: {
      id: true,
      slug: true,
      title: true,
      status: true,
      updatedAt: true,
      sections: { select: { _count: { select: { lessons: true } } } },
    },
  });
  return rows.map(({ sections, ...r }) => ({ ...r, lessonCount: sections.reduce((n, s) => n + s._count.lessons, 0) }));
}

/** URL slug from a title: ASCII letters/digits and dashes, at most 60 characters. */
export function slugify(title: string): string {
  const s = title
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/ß/g, "ss")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 60)
    .replace(/-+$/, "");
  return s || "course";
}

/**
 * Creates a DRAFT course owned by the actor. The slug comes from the title (a random suffix when taken) and
 * stays stable afterwards; `chainId` is the on-chain course id (keccak256 of the database id).
 * A cover is derived into a 16:9 WebP with a blurred placeholder when `storage` is given.
 * @returns the new course's id and slug
 * @throws ApiError 403 (not a provider), 422 (cover not an own image, or not decodable)
 */
export async function createCourse(
  db: PrismaClient,
  actor: StudioActor,
  input: CourseInput,
  storage?: StorageDriver,
): Promise<{ id: string; slug: string }> {
  assertStudioUser(actor);
  if (input.coverId) await assertAttachable(db, actor, actor.id, input.coverId, COVER_TYPES, "coverId");
  const id = `c${randomBytes(12).toString("hex")}`;
  const base = slugify(input.title);
  const cover = await coverColumns(db, storage, actor.id, input, null);
  const taken = await db.course.findUnique({ where: { slug: base }, select: { id: true } });
  const slug = taken ? `${base.slice(0, 53)}-${randomBytes(3).toString("hex")}` : base;
  await db.$transaction(async (tx) => {
    await tx.course.create({
      data: { id, slug, onchainCourseId: courseIdToBytes32(id), providerId: actor.id, ...columns(input), ...cover },
      select: { id: true },
    });
    await syncCourseMediaUsage(tx, id);
  });
  return { id, slug };
}

/**
 * Updates a course's metadata (title, subtitle, Markdown description, language, level, category, tags, cover
 * and its alt text). A newly attached cover is derived as in {@link createCourse}.
 * @throws ApiError 403/404, 422 (cover)
 */
export async function updateCourse(
  db: PrismaClient,
  actor: StudioActor,
  courseId: string,
  input: CourseInput,
  storage?: StorageDriver,
): Promise<void> {
  const course = await ownedCourse(db, actor, courseId);
  const current = await db.course.findUniqueOrThrow({ where: { id: courseId }, select: { coverId: true } });
  if (input.coverId && input.coverId !== current.coverId)
    await assertAttachable(db, actor, course.providerId, input.coverId, COVER_TYPES, "coverId");
  const cover = await coverColumns(db, storage, course.providerId, input, current);
  await db.$transaction(async (tx) => {
    await lockCourse(tx, courseId);
    await tx.course.update({ where: { id: courseId }, data: { ...columns(input), ...cover }, select: { id: true } });
    await syncCourseMediaUsage(tx, courseId);
  });
}

/** The whole course as the studio edits it. */
export async function getStudioCourse(db: PrismaClient, actor: StudioActor, courseId: string) {
  await ownedCourse(db, actor, courseId);
  const c = await db.course.findUniqueOrThrow({
    where: { id: courseId },
    select: {
      id: true,
      slug: true,
      title: true,
      subtitle: true,
      description: true,
      language: true,
      level: true,
      category: true,
      tags: true,
      learningOutcomes: true,
      requirements: true,
      status: true,
      isFree: true,
      refundWindowDays: true,
      videoCompletionPercent: true,
      coverId: true,
      coverAlt: true,
      coverSourceId: true,
      coverCrop: true,
      publishedAt: true,
      provider: { select: { payoutAddress: true } },
      prices: { select: { currency: true, amount: true } },
      sections: {
        orderBy: { position: "asc" },
        select: {
          id: true,
          title: true,
          position: true,
          lessons: {
            orderBy: { position: "asc" },
            select: {
              id: true,
              title: true,
              kind: true,
              position: true,
              body: true,
              isPreview: true,
              mediaId: true,
              captionsId: true,
              durationSeconds: true,
              passMarkPercent: true,
              quizMaxAttempts: true,
              quizCooldownSeconds: true,
              media: { select: { originalName: true, mimeType: true } },
              questions: {
                orderBy: { position: "asc" },
                select: {
                  id: true,
                  prompt: true,
                  multiple: true,
                  explanation: true,
                  options: { orderBy: { position: "asc" }, select: { id: true, text: true, correct: true } },
                },
              },
              flashcards: { orderBy: { position: "asc" }, select: { id: true, front: true, back: true } },
            },
          },
        },
      },
    },
  });
  const { provider, prices, ...rest } = c;
  return {
    ...rest,
    payoutAddress: provider.payoutAddress,
    prices: prices.map((p) => ({ currency: p.currency as Currency, amount: toUnits(p.amount) })),
  };
}
/** The course tree returned by {@link getStudioCourse}. */
export type StudioCourse = Awaited<ReturnType<typeof getStudioCourse>>;

/**
 * Deletes a course that nobody is enrolled in (its active on-chain listings are deactivated through the
 * outbox first). Audited as `course.deleted`.
 * @throws ApiError 409 when the course has enrollments (archive it instead)
 */
export async function deleteCourse(
  db: PrismaClient,
  deps: ListingDeps,
  actor: StudioActor,
  courseId: string,
): Promise<void> {
  const course = await ownedCourse(db, actor, courseId);
  await db.$transaction(async (tx) => {
    await lockCourse(tx, courseId);
    if ((await tx.enrollment.count({ where: { courseId } })) > 0) {
      throw new ApiError("conflict", "Learners are enrolled in this course: archive it instead.");
    }
    await syncListings(tx, deps, courseId, { active: false });
    await recordAudit(tx, {
      actorId: actor.id,
      action: "course.deleted",
      entity: "Course",
      entityId: courseId,
      details: { slug: course.slug, status: course.status },
    });
    await tx.course.delete({ where: { id: courseId }, select: { id: true } });
  });
}
