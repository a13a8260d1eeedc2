/** Ownership checks of the studio: a course is edited by its provider (or a platform admin). */
import { Prisma, type PrismaClient } from "@smolitux/db";
import { ApiError } from "@/server/http.ts";

/** A Prisma client or an interactive-transaction client. */
export type Db = PrismaClient | Prisma.TransactionClient;

/** The signed-in studio user (roles fresh from the database). */
export interface StudioActor {
  id: string;
  roles: readonly string[];
}

/** Whether the actor is a platform admin. */
export function isAdmin(actor: StudioActor): boolean {
  return actor.roles.includes("PLATFORM_ADMIN");
}

/**
 * Asserts the actor may use the studio (PROVIDER or PLATFORM_ADMIN).
 * @throws ApiError 403
 */
export function assertStudioUser(actor: StudioActor): void {
  if (!actor.roles.includes("PROVIDER") && !isAdmin(actor)) {
    throw new ApiError("forbidden", "Only providers can use the studio.");
  }
}

/**
 * The course if the actor may edit it.
 * @throws ApiError 404 (no such course), 403 (someone else's course)
 */
export async function ownedCourse(db: Db, actor: StudioActor, courseId: string) {
  assertStudioUser(actor);
  const course = await db.course.findUnique({
    where: { id: courseId },
    select: { id: true, providerId: true, status: true, isFree: true, refundWindowDays: true, slug: true },
  });
  if (!course) throw new ApiError("not_found", "No such course.");
  if (course.providerId !== actor.id && !isAdmin(actor)) throw new ApiError("forbidden", "This is not your course.");
  return course;
}

/** Takes the course row lock for the rest of the transaction (serializes curriculum and listing changes). */
export async function lockCourse(tx: Prisma.TransactionClient, courseId: string): Promise<void> {
  await tx.$queryRaw(Prisma.sql`SELECT 1 FROM "Course" WHERE id = ${courseId} FOR UPDATE`);
}

/** The section with its course, checked for ownership. @throws ApiError 404/403 */
export async function ownedSection(db: Db, actor: StudioActor, sectionId: string) {
  const section = await db.section.findUnique({ where: { id: sectionId }, select: { id: true, courseId: true } });
  if (!section) throw new ApiError("not_found", "No such section.");
  await ownedCourse(db, actor, section.courseId);
  return section;
}

/** The lesson with its section and course, checked for ownership. @throws ApiError 404/403 */
export async function ownedLesson(db: Db, actor: StudioActor, lessonId: string) {
  const lesson = await db.lesson.findUnique({
    where: { id: lessonId },
    select: { id: true, kind: true, sectionId: true, section: { select: { courseId: true } } },
  });
  if (!lesson) throw new ApiError("not_found", "No such lesson.");
  const course = await ownedCourse(db, actor, lesson.section.courseId);
  return {
    id: lesson.id,
    kind: lesson.kind,
    sectionId: lesson.sectionId,
    courseId: course.id,
    providerId: course.providerId,
  };
}

/**
 * Asserts an asset may be attached by the actor to a course of `providerId` and has an allowed type.
 * @throws ApiError 422 with `fields[field]` otherwise
 */
export async function assertAttachable(
  db: Db,
  actor: StudioActor,
  providerId: string,
  assetId: string,
  types: readonly string[],
  field: string,
): Promise<void> {
  const asset = await db.mediaAsset.findUnique({ where: { id: assetId }, select: { ownerId: true, mimeType: true } });
  // Only the course provider's own uploads (issue 11: media belongs to its provider's courses).
  if (!asset || asset.ownerId !== providerId) {
    throw new ApiError("unprocessable", "Unknown media.", { [field]: "unknown_media" });
  }
  if (!types.includes(asset.mimeType)) {
    throw new ApiError("unprocessable", "Wrong media type.", { [field]: "wrong_media_type" });
  }
}
