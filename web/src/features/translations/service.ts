/**
 * Lesson translations: the provider (or a platform admin) adds, edits and removes a lesson's title, Markdown body
 * and captions in another language; the player shows them to learners who prefer that language (content.ts).
 * Rules: never the course's own language (422 `fields.language`); captions only on VIDEO lessons and only the
 * provider's own WebVTT uploads (422 `fields.captionsId`); media links in the body must be the provider's own
 * (checked by the media-usage sync, which also grants enrolled learners access to translated captions).
 */
import type { PrismaClient } from "@smolitux/db";
import { syncCourseMediaUsage } from "@/features/media/usage.ts";
import { assertAttachable, lockCourse, ownedLesson, type StudioActor } from "@/features/studio/access.ts";
import { ApiError } from "@/server/http.ts";
import { primaryLanguage, type ContentLanguage, type TranslationInput } from "./schemas.ts";

/** A translation as the studio shows it. */
export interface LessonTranslationView {
  language: string;
  title: string;
  body: string;
  captionsId: string | null;
  captionsName: string | null;
  /** ISO-8601 */
  updatedAt: string;
}

/**
 * The translations of a lesson the actor may edit, by language.
 * @throws ApiError 404/403 (see studio/access.ts)
 */
export async function listTranslations(
  db: PrismaClient,
  actor: StudioActor,
  lessonId: string,
): Promise<{ courseLanguage: string; translations: LessonTranslationView[] }> {
  const lesson = await ownedLesson(db, actor, lessonId);
  const course = await db.course.findUniqueOrThrow({ where: { id: lesson.courseId }, select: { language: true } });
  const rows = await db.lessonTranslation.findMany({
    where: { lessonId },
    orderBy: { language: "asc" },
    select: {
      language: true,
      title: true,
      body: true,
      captionsId: true,
      updatedAt: true,
      captions: { select: { originalName: true } },
    },
  });
  return {
    courseLanguage: primaryLanguage(course.language),
    translations: rows.map((r) => ({
      language: r.language,
      title: r.title,
      body: r.body,
      captionsId: r.captionsId,
      captionsName: r.captions?.originalName ?? null,
      updatedAt: r.updatedAt.toISOString(),
    })),
  };
}

/**
 * Creates or replaces the `language` translation of a lesson.
 * @returns true when it was created, false when an existing one was replaced
 * @throws ApiError 404/403 (ownership), 422 (course language, captions rules, foreign media in the body)
 */
export async function saveTranslation(
  db: PrismaClient,
  actor: StudioActor,
  lessonId: string,
  language: ContentLanguage,
  input: TranslationInput,
): Promise<boolean> {
  const lesson = await ownedLesson(db, actor, lessonId);
  const course = await db.course.findUniqueOrThrow({ where: { id: lesson.courseId }, select: { language: true } });
  if (primaryLanguage(course.language) === language) {
    throw new ApiError("unprocessable", "This is the course's own language.", { language: "course_language" });
  }
  if (input.captionsId) {
    if (lesson.kind !== "VIDEO")
      throw new ApiError("unprocessable", "Only videos have captions.", { captionsId: "not_allowed" });
    await assertAttachable(db, actor, lesson.providerId, input.captionsId, ["text/vtt"], "captionsId");
  }
  return db.$transaction(async (tx) => {
    await lockCourse(tx, lesson.courseId);
    const existing = await tx.lessonTranslation.findUnique({
      where: { lessonId_language: { lessonId, language } },
      select: { id: true },
    });
    const data = { title: input.title, body: input.body, captionsId: input.captionsId };
    await tx.lessonTranslation.upsert({
      where: { lessonId_language: { lessonId, language } },
      create: { lessonId, language, ...data },
      update: data,
      select: { id: true },
    });
    await syncCourseMediaUsage(tx, lesson.courseId);
    return !existing;
  });
}

/**
 * Removes the `language` translation of a lesson.
 * @throws ApiError 404 (no such lesson or translation), 403
 */
export async function deleteTranslation(
  db: PrismaClient,
  actor: StudioActor,
  lessonId: string,
  language: ContentLanguage,
): Promise<void> {
  const lesson = await ownedLesson(db, actor, lessonId);
  await db.$transaction(async (tx) => {
    await lockCourse(tx, lesson.courseId);
    const { count } = await tx.lessonTranslation.deleteMany({ where: { lessonId, language } });
    if (count === 0) throw new ApiError("not_found", "No translation in this language.");
    await syncCourseMediaUsage(tx, lesson.courseId);
  });
}
