/**
 * Sections and lessons: create, rename/edit, delete, reorder. Every change runs in one transaction holding
 * the course lock, and positions stay contiguous (0..n-1) and unique (see positions.ts).
 */
import type { PrismaClient } from "@smolitux/db";
import { syncCourseMediaUsage } from "@/features/media/usage.ts";
import { ApiError } from "@/server/http.ts";
import { assertAttachable, lockCourse, ownedCourse, ownedLesson, ownedSection, type StudioActor } from "./access.ts";
import { applyOrder, compact, moveChild } from "./positions.ts";
import type { LessonCreateInput, LessonUpdateInput } from "./schemas.ts";

/** Appends a section. @returns its id */
export async function createSection(
  db: PrismaClient,
  actor: StudioActor,
  courseId: string,
  title: string,
): Promise<string> {
  await ownedCourse(db, actor, courseId);
  return db.$transaction(async (tx) => {
    await lockCourse(tx, courseId);
    const position = await tx.section.count({ where: { courseId } });
    const s = await tx.section.create({ data: { courseId, title, position }, select: { id: true } });
    return s.id;
  });
}

/** Renames a section. */
export async function renameSection(
  db: PrismaClient,
  actor: StudioActor,
  sectionId: string,
  title: string,
): Promise<void> {
  await ownedSection(db, actor, sectionId);
  await db.section.update({ where: { id: sectionId }, data: { title }, select: { id: true } });
}

/** Deletes a section with its lessons and closes the gap. */
export async function deleteSection(db: PrismaClient, actor: StudioActor, sectionId: string): Promise<void> {
  const { courseId } = await ownedSection(db, actor, sectionId);
  await db.$transaction(async (tx) => {
    await lockCourse(tx, courseId);
    await tx.section.delete({ where: { id: sectionId }, select: { id: true } });
    await compact(tx, "Section", courseId);
  });
}

/** Sets the order of a course's sections (all ids, new order). @throws ApiError 422 for an incomplete list */
export async function reorderSections(
  db: PrismaClient,
  actor: StudioActor,
  courseId: string,
  ids: string[],
): Promise<void> {
  await ownedCourse(db, actor, courseId);
  await db.$transaction(async (tx) => {
    await lockCourse(tx, courseId);
    await applyOrder(tx, "Section", courseId, ids);
  });
}

/** Moves a section one place up (-1) or down (+1). */
export async function moveSection(
  db: PrismaClient,
  actor: StudioActor,
  sectionId: string,
  delta: -1 | 1,
): Promise<void> {
  const { courseId } = await ownedSection(db, actor, sectionId);
  await db.$transaction(async (tx) => {
    await lockCourse(tx, courseId);
    await moveChild(tx, "Section", courseId, sectionId, delta);
  });
}

/** Appends a lesson to a section. @returns its id */
export async function createLesson(
  db: PrismaClient,
  actor: StudioActor,
  sectionId: string,
  input: LessonCreateInput,
): Promise<string> {
  const { courseId } = await ownedSection(db, actor, sectionId);
  return db.$transaction(async (tx) => {
    await lockCourse(tx, courseId);
    const position = await tx.lesson.count({ where: { sectionId } });
    const l = await tx.lesson.create({
      data: { sectionId, title: input.title, kind: input.kind, position },
      select: { id: true },
    });
    return l.id;
  });
}

const MEDIA_TYPES = {
  VIDEO: ["video/mp4", "video/webm"],
  PDF: ["application/pdf"],
} as const;

/**
 * Edits a lesson. Media must be the provider's own upload of the right type: VIDEO → mp4/webm (+ optional
 * WebVTT captions), PDF → pdf; other kinds take no media.
 * @throws ApiError 422 (`fields.mediaId` / `fields.captionsId`)
 */
export async function updateLesson(
  db: PrismaClient,
  actor: StudioActor,
  lessonId: string,
  input: LessonUpdateInput,
): Promise<void> {
  const lesson = await ownedLesson(db, actor, lessonId);
  if (input.mediaId) {
    const types = lesson.kind === "VIDEO" || lesson.kind === "PDF" ? MEDIA_TYPES[lesson.kind] : [];
    if (types.length === 0)
      throw new ApiError("unprocessable", "This lesson kind has no media.", { mediaId: "not_allowed" });
    await assertAttachable(db, actor, lesson.providerId, input.mediaId, types, "mediaId");
  }
  if (input.captionsId) {
    if (lesson.kind !== "VIDEO")
      throw new ApiError("unprocessable", "Only videos have captions.", { captionsId: "not_allowed" });
    await assertAttachable(db, actor, lesson.providerId, input.captionsId, ["text/vtt"], "captionsId");
  }
  await db.$transaction(async (tx) => {
    await lockCourse(tx, lesson.courseId);
    await tx.lesson.update({ where: { id: lessonId }, data: input, select: { id: true } });
    await syncCourseMediaUsage(tx, lesson.courseId);
  });
}

/** Deletes a lesson and closes the gap. */
export async function deleteLesson(db: PrismaClient, actor: StudioActor, lessonId: string): Promise<void> {
  const lesson = await ownedLesson(db, actor, lessonId);
  await db.$transaction(async (tx) => {
    await lockCourse(tx, lesson.courseId);
    await tx.lesson.delete({ where: { id: lessonId }, select: { id: true } });
    await compact(tx, "Lesson", lesson.sectionId);
  });
}

/** Sets the order of a section's lessons (all ids, new order). */
export async function reorderLessons(
  db: PrismaClient,
  actor: StudioActor,
  sectionId: string,
  ids: string[],
): Promise<void> {
  const { courseId } = await ownedSection(db, actor, sectionId);
  await db.$transaction(async (tx) => {
    await lockCourse(tx, courseId);
    await applyOrder(tx, "Lesson", sectionId, ids);
  });
}

/** Moves a lesson one place up (-1) or down (+1) within its section. */
export async function moveLesson(db: PrismaClient, actor: StudioActor, lessonId: string, delta: -1 | 1): Promise<void> {
  const lesson = await ownedLesson(db, actor, lessonId);
  await db.$transaction(async (tx) => {
    await lockCourse(tx, lesson.courseId);
    await moveChild(tx, "Lesson", lesson.sectionId, lessonId, delta);
  });
}
