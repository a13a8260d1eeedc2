/**
 * Flashcard reviews: each answer reschedules the card (spaced-repetition.ts) in `FlashcardReview`; a
 * FLASHCARDS lesson is completed once every card of it has been reviewed at least once (or marked done).
 */
import { z } from "zod";
import { authorizeTracking, type Viewer } from "./access.ts";
import type { LearningDeps } from "./deps.ts";
import { GRADES, newCard, schedule, type CardSchedule } from "./spaced-repetition.ts";
import { markLessonCompleted, trackProgress } from "./tracking.ts";
import { ApiError } from "@/server/http.ts";

/** Body of `POST /api/learning/flashcards/<id>/review`. */
export const flashcardReviewSchema = z.strictObject({ grade: z.enum(GRADES) });
export type FlashcardReviewInput = z.infer<typeof flashcardReviewSchema>;

/** The new schedule (dueAt ISO-8601) and completion flags. */
export interface FlashcardReviewResult {
  schedule: Omit<CardSchedule, "dueAt"> & { dueAt: string };
  lessonCompleted: boolean;
  courseCompleted: boolean;
}

/**
 * Records an answer to a flashcard and reschedules it.
 * @throws ApiError 404 (no such card), 401/403 (access to its lesson)
 */
export async function reviewFlashcard(
  deps: LearningDeps,
  viewer: Viewer | null,
  flashcardId: string,
  input: FlashcardReviewInput,
): Promise<FlashcardReviewResult> {
  const card = await deps.db.flashcard.findUnique({ where: { id: flashcardId }, select: { lessonId: true } });
  if (!card) throw new ApiError("not_found", "No such flashcard.");
  const access = await authorizeTracking(deps.db, viewer, card.lessonId);
  const { userId } = access;
  const { result, courseCompleted } = await trackProgress(deps, userId, access.course.id, async (tx, now) => {
    const prev = await tx.flashcardReview.findUnique({
      where: { userId_flashcardId: { userId, flashcardId } },
      select: { intervalDays: true, easeFactor: true, repetitions: true, dueAt: true },
    });
    const next = schedule(prev ?? newCard(now), input.grade, now);
    await tx.flashcardReview.upsert({
      where: { userId_flashcardId: { userId, flashcardId } },
      create: { userId, flashcardId, ...next, updatedAt: now },
      update: { ...next, updatedAt: now },
    });
    const unseen = await tx.flashcard.count({
      where: { lessonId: card.lessonId, reviews: { none: { userId } } },
    });
    if (unseen === 0) await markLessonCompleted(tx, userId, card.lessonId, now);
    else
      await tx.lessonProgress.upsert({
        where: { userId_lessonId: { userId, lessonId: card.lessonId } },
        create: { userId, lessonId: card.lessonId, updatedAt: now },
        update: { updatedAt: now },
      });
    const progress = await tx.lessonProgress.findUnique({
      where: { userId_lessonId: { userId, lessonId: card.lessonId } },
      select: { completedAt: true },
    });
    return { next, lessonCompleted: !!progress?.completedAt };
  });
  return {
    schedule: { ...result.next, dueAt: result.next.dueAt.toISOString() },
    lessonCompleted: result.lessonCompleted,
    courseCompleted,
  };
}
