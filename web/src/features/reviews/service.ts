/**
 * Course reviews. Rules:
 * - a learner with an ACTIVE enrollment and at least one completed lesson of the course may rate it
 *   1–5 with an optional text; one review per learner and course (`Review` unique on course+user),
 *   editable by writing it again;
 * - the course's provider (only that provider — not admins, not other providers) may reply once per
 *   review; writing the reply again edits it;
 * - the catalog's rating summary (features/catalog/ratings.ts) reads the same table.
 */
import type { PrismaClient } from "@smolitux/db";
import { hasAccess } from "@/features/enrollment/service.ts";
import { ApiError } from "@/server/http.ts";
import type { ReplyInput, ReviewInput } from "./schemas.ts";

/** A review as shown on the course page. Dates ISO-8601 UTC. */
export interface ReviewView {
  id: string;
  rating: number;
  body: string;
  authorName: string;
  createdAt: string;
  updatedAt: string;
  reply: string | null;
  repliedAt: string | null;
}

async function courseBySlug(db: PrismaClient, slug: string) {
  const course = await db.course.findUnique({ where: { slug }, select: { id: true, providerId: true, status: true } });
  if (!course || course.status === "DRAFT") throw new ApiError("not_found", "No course with this address.");
  return course;
}

/**
 * Whether `userId` may write a review of the course, and why not.
 * @returns "ok", or the reason: "not_enrolled" | "no_completed_lesson" | "own_course"
 */
export async function reviewEligibility(
  db: PrismaClient,
  userId: string,
  course: { id: string; providerId: string },
): Promise<"ok" | "not_enrolled" | "no_completed_lesson" | "own_course"> {
  if (course.providerId === userId) return "own_course";
  if (!(await hasAccess(db, userId, course.id))) return "not_enrolled";
  const done = await db.lessonProgress.count({
    where: { userId, completedAt: { not: null }, lesson: { section: { courseId: course.id } } },
  });
  return done > 0 ? "ok" : "no_completed_lesson";
}

/**
 * Creates or edits the user's review of the course `slug`.
 * @returns the review and whether it was created
 * @throws ApiError 404 (unknown course), 403 (not eligible: see {@link reviewEligibility})
 */
export async function upsertReview(
  db: PrismaClient,
  userId: string,
  slug: string,
  input: ReviewInput,
): Promise<{ review: ReviewView; created: boolean }> {
  const course = await courseBySlug(db, slug);
  const eligibility = await reviewEligibility(db, userId, course);
  if (eligibility === "own_course") throw new ApiError("forbidden", "Providers cannot review their own course.");
  if (eligibility === "not_enrolled") throw new ApiError("forbidden", "Enroll in this course to review it.");
  if (eligibility === "no_completed_lesson") {
    throw new ApiError("forbidden", "Complete at least one lesson before reviewing this course.");
  }
  const existing = await db.review.findUnique({
    where: { courseId_userId: { courseId: course.id, userId } },
    select: { id: true },
  });
  const row = await db.review.upsert({
    where: { courseId_userId: { courseId: course.id, userId } },
    create: { courseId: course.id, userId, rating: input.rating, body: input.body },
    update: { rating: input.rating, body: input.body },
    select: reviewSelect,
  });
  return { review: toView(row), created: !existing };
}

/**
 * Sets (or edits) the provider's reply to a review.
 * @throws ApiError 404 (no such review), 403 (caller is not the provider of the review's course)
 */
export async function replyToReview(
  db: PrismaClient,
  userId: string,
  reviewId: string,
  input: ReplyInput,
): Promise<ReviewView> {
  const review = await db.review.findUnique({
    where: { id: reviewId },
    select: { id: true, repliedAt: true, course: { select: { providerId: true } } },
  });
  if (!review) throw new ApiError("not_found", "No such review.");
  if (review.course.providerId !== userId) {
    throw new ApiError("forbidden", "Only the provider of this course can reply.");
  }
  const row = await db.review.update({
    where: { id: reviewId },
    data: { reply: input.reply, repliedAt: new Date() },
    select: reviewSelect,
  });
  return toView(row);
}

/** Reviews of the course `slug`, newest first (at most `take`). @throws ApiError 404 unknown course */
export async function listReviews(db: PrismaClient, slug: string, take = 50): Promise<ReviewView[]> {
  const course = await courseBySlug(db, slug);
  return listCourseReviews(db, course.id, take);
}

/** Reviews of a course by id, newest first. */
export async function listCourseReviews(db: PrismaClient, courseId: string, take = 50): Promise<ReviewView[]> {
  const rows = await db.review.findMany({
    where: { courseId },
    orderBy: { createdAt: "desc" },
    take,
    select: reviewSelect,
  });
  return rows.map(toView);
}

/** The user's own review of a course, or null. */
export async function myReview(db: PrismaClient, userId: string, courseId: string): Promise<ReviewView | null> {
  const row = await db.review.findUnique({
    where: { courseId_userId: { courseId, userId } },
    select: reviewSelect,
  });
  return row ? toView(row) : null;
}

const reviewSelect = {
  id: true,
  rating: true,
  body: true,
  createdAt: true,
  updatedAt: true,
  reply: true,
  repliedAt: true,
  user: { select: { name: true } },
} as const;

function toView(r: {
  id: string;
  rating: number;
  body: string;
  createdAt: Date;
  updatedAt: Date;
  reply: string | null;
  repliedAt: Date | null;
  user: { name: string | null };
}): ReviewView {
  return {
    id: r.id,
    rating: r.rating,
    body: r.body,
    authorName: r.user.name?.trim() || "",
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
    reply: r.reply,
    repliedAt: r.repliedAt?.toISOString() ?? null,
  };
}
