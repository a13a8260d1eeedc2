/**
 * Who may open a lesson in the player (`/learn/<slug>/<lessonId>`) and record progress.
 *
 * Full access: platform admins, the course's provider, and learners with an ACTIVE enrollment
 * (`hasAccess` of the enrollment service) — for a DRAFT course only the provider and admins.
 * Preview access: anyone (also anonymous) for a free-preview lesson of a PUBLISHED course; preview access
 * shows the lesson but records no progress.
 */
import type { CourseStatus, LessonKind } from "@smolitux/db";
import { hasAccess } from "@/features/enrollment/service.ts";
import { ApiError } from "@/server/http.ts";
import type { Db } from "./deps.ts";

/** The caller as the learning feature sees it (null = anonymous). */
export interface Viewer {
  id: string;
  roles: readonly string[];
}

export type AccessLevel = "full" | "preview";

/** The lesson and its course after an access check. */
export interface LessonAccess {
  level: AccessLevel;
  /** whether progress is recorded for this viewer (full access) */
  canTrack: boolean;
  course: { id: string; slug: string; title: string; language: string; status: CourseStatus; providerId: string };
  lesson: { id: string; kind: LessonKind; isPreview: boolean };
}

const courseSelect = {
  id: true,
  slug: true,
  title: true,
  language: true,
  status: true,
  providerId: true,
} as const;

/** Whether `viewer` has full access to the course (admin, its provider, or an ACTIVE enrollment). */
export async function hasCourseAccess(
  db: Db,
  viewer: Viewer | null,
  course: { id: string; status: CourseStatus; providerId: string },
): Promise<boolean> {
  if (!viewer) return false;
  if (viewer.roles.includes("PLATFORM_ADMIN") || viewer.id === course.providerId) return true;
  if (course.status === "DRAFT") return false;
  return hasAccess(db, viewer.id, course.id);
}

/**
 * Loads a lesson with its course and checks access. `slug` (optional) must match the lesson's course.
 * @throws ApiError 404 (no such lesson/course, or a DRAFT course the viewer cannot see), 401 (anonymous,
 *   not a preview), 403 (signed in, no access)
 */
export async function authorizeLesson(
  db: Db,
  viewer: Viewer | null,
  lessonId: string,
  slug?: string,
): Promise<LessonAccess> {
  const lesson = await db.lesson.findUnique({
    where: { id: lessonId },
    select: { id: true, kind: true, isPreview: true, section: { select: { course: { select: courseSelect } } } },
  });
  const course = lesson?.section.course;
  if (!lesson || !course || (slug !== undefined && course.slug !== slug)) {
    throw new ApiError("not_found", "No such lesson.");
  }
  const out = { course, lesson: { id: lesson.id, kind: lesson.kind, isPreview: lesson.isPreview } };
  if (await hasCourseAccess(db, viewer, course)) return { level: "full", canTrack: true, ...out };
  if (course.status === "DRAFT") throw new ApiError("not_found", "No such lesson.");
  if (lesson.isPreview && course.status === "PUBLISHED") return { level: "preview", canTrack: false, ...out };
  if (!viewer) throw new ApiError("unauthenticated", "Sign in to open this lesson.");
  throw new ApiError("forbidden", "Enroll in this course to open this lesson.");
}

/**
 * Like {@link authorizeLesson} but requires full access (recording progress, quizzes, flashcards).
 * @throws ApiError 401/403/404 as above; 403 also for preview-only access
 */
export async function authorizeTracking(
  db: Db,
  viewer: Viewer | null,
  lessonId: string,
): Promise<LessonAccess & { userId: string }> {
  const access = await authorizeLesson(db, viewer, lessonId);
  if (!viewer) throw new ApiError("unauthenticated", "Sign in to record your progress.");
  if (!access.canTrack) throw new ApiError("forbidden", "Enroll in this course to record your progress.");
  return { ...access, userId: viewer.id };
}
