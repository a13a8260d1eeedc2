/** Quiz questions and flashcards of a lesson: replaced as a whole, in one transaction, positions from array order. */
import type { PrismaClient } from "@smolitux/db";
import { syncCourseMediaUsage } from "@/features/media/usage.ts";
import { ApiError } from "@/server/http.ts";
import { lockCourse, ownedLesson, type StudioActor } from "./access.ts";
import type { FlashcardsInput, QuizInput } from "./schemas.ts";

/**
 * Replaces a QUIZ lesson's questions (single/multiple choice, options with correct flags, explanations) and
 * sets its pass mark (percent).
 * @throws ApiError 422 when the lesson is not a quiz
 */
export async function saveQuiz(
  db: PrismaClient,
  actor: StudioActor,
  lessonId: string,
  input: QuizInput,
): Promise<void> {
  const lesson = await ownedLesson(db, actor, lessonId);
  if (lesson.kind !== "QUIZ") throw new ApiError("unprocessable", "This lesson is not a quiz.");
  await db.$transaction(async (tx) => {
    await lockCourse(tx, lesson.courseId);
    await tx.quizQuestion.deleteMany({ where: { lessonId } });
    for (const [position, q] of input.questions.entries()) {
      await tx.quizQuestion.create({
        data: {
          lessonId,
          position,
          prompt: q.prompt,
          multiple: q.multiple,
          explanation: q.explanation,
          options: { create: q.options.map((o, i) => ({ text: o.text, correct: o.correct, position: i })) },
        },
        select: { id: true },
      });
    }
    await tx.lesson.update({
      where: { id: lessonId },
      data: {
        passMarkPercent: input.passMarkPercent,
        ...(input.maxAttempts !== undefined ? { quizMaxAttempts: input.maxAttempts } : {}),
        ...(input.cooldownSeconds !== undefined ? { quizCooldownSeconds: input.cooldownSeconds } : {}),
      },
      select: { id: true },
    });
    await syncCourseMediaUsage(tx, lesson.courseId);
  });
}

/**
 * Replaces a FLASHCARDS lesson's cards (front/back).
 * @throws ApiError 422 when the lesson is not a flashcard deck
 */
export async function saveFlashcards(
  db: PrismaClient,
  actor: StudioActor,
  lessonId: string,
  input: FlashcardsInput,
): Promise<void> {
  const lesson = await ownedLesson(db, actor, lessonId);
  if (lesson.kind !== "FLASHCARDS") throw new ApiError("unprocessable", "This lesson is not a flashcard deck.");
  await db.$transaction(async (tx) => {
    await lockCourse(tx, lesson.courseId);
    await tx.flashcard.deleteMany({ where: { lessonId } });
    await tx.flashcard.createMany({
      data: input.cards.map((c, position) => ({ lessonId, position, front: c.front, back: c.back })),
    });
    await syncCourseMediaUsage(tx, lesson.courseId);
  });
}
