/**
 * Quiz questions and flashcards of a lesson, saved as a whole in one transaction (positions from array order)
 * while keeping the ids of the items that stay: an item is the same item when the editor sends its id, or —
 * without an id — when its content is unchanged (question: prompt, choice type and option texts; card: front
 * and back). Kept items are updated in place, so on a published course learners' flashcard reviews and quiz
 * attempts (answers keyed by question/option id) still refer to them; items no longer listed are deleted.
 */
import type { Prisma, PrismaClient } from "@smolitux/db";
import { syncCourseMediaUsage } from "@/features/media/usage.ts";
import { ApiError } from "@/server/http.ts";
import { lockCourse, ownedLesson, type StudioActor } from "./access.ts";
import type { FlashcardsInput, QuizInput } from "./schemas.ts";

type Tx = Prisma.TransactionClient;

/**
 * Pairs each input item with an existing one: first by the id it names, then by equal content key.
 * @returns the existing id for each input index (undefined = new item)
 */
export function matchExisting<E extends { id: string }, I extends { id?: string | undefined }>(
  existing: readonly E[],
  input: readonly I[],
  keyOfExisting: (e: E) => string,
  keyOfInput: (i: I) => string,
): (string | undefined)[] {
  const free = new Map(existing.map((e) => [e.id, e]));
  const result: (string | undefined)[] = input.map((item) => {
    if (item.id && free.has(item.id)) {
      free.delete(item.id);
      return item.id;
    }
    return undefined;
  });
  input.forEach((item, i) => {
    if (result[i] !== undefined) return;
    const key = keyOfInput(item);
    const hit = [...free.values()].find((e) => keyOfExisting(e) === key);
    if (hit) {
      free.delete(hit.id);
      result[i] = hit.id;
    }
  });
  return result;
}

const OFFSET = 1_000_000;

/**
 * Saves a QUIZ lesson's questions (single/multiple choice, options with correct flags, explanations) and its
 * pass mark (percent), attempts and cooldown; unchanged questions and options keep their ids.
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
    const existing = await tx.quizQuestion.findMany({
      where: { lessonId },
      select: { id: true, prompt: true, multiple: true, options: { select: { id: true, text: true } } },
    });
    const qKey = (q: { prompt: string; multiple: boolean; options: { text: string }[] }) =>
      JSON.stringify([q.prompt, q.multiple, q.options.map((o) => o.text)]);
    const matched = matchExisting(existing, input.questions, qKey, qKey);
    const kept = new Set(matched.filter((id): id is string => id !== undefined));
    await tx.quizQuestion.deleteMany({ where: { lessonId, id: { notIn: [...kept] } } });
    // move kept rows out of the way of the (lessonId, position) unique index before renumbering
    await tx.quizQuestion.updateMany({ where: { lessonId }, data: { position: { increment: OFFSET } } });
    for (const [position, q] of input.questions.entries()) {
      const id = matched[position];
      if (id === undefined) {
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
        continue;
      }
      await tx.quizQuestion.update({
        where: { id },
        data: { position, prompt: q.prompt, multiple: q.multiple, explanation: q.explanation },
        select: { id: true },
      });
      await saveOptions(tx, id, existing.find((e) => e.id === id)!.options, q.options);
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

async function saveOptions(
  tx: Tx,
  questionId: string,
  existing: { id: string; text: string }[],
  input: QuizInput["questions"][number]["options"],
): Promise<void> {
  const matched = matchExisting(
    existing,
    input,
    (o) => o.text,
    (o) => o.text,
  );
  const kept = matched.filter((id): id is string => id !== undefined);
  await tx.quizOption.deleteMany({ where: { questionId, id: { notIn: kept } } });
  await tx.quizOption.updateMany({ where: { questionId }, data: { position: { increment: OFFSET } } });
  for (const [position, o] of input.entries()) {
    const id = matched[position];
    if (id === undefined) {
      await tx.quizOption.create({ data: { questionId, position, text: o.text, correct: o.correct } });
    } else {
      await tx.quizOption.update({ where: { id }, data: { position, text: o.text, correct: o.correct } });
    }
  }
}

/**
 * Saves a FLASHCARDS lesson's cards (front/back); unchanged cards keep their ids (and learners' reviews).
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
    const existing = await tx.flashcard.findMany({
      where: { lessonId },
      select: { id: true, front: true, back: true },
    });
    const key = (c: { front: string; back: string }) => JSON.stringify([c.front, c.back]);
    const matched = matchExisting(existing, input.cards, key, key);
    const kept = matched.filter((id): id is string => id !== undefined);
    await tx.flashcard.deleteMany({ where: { lessonId, id: { notIn: kept } } });
    await tx.flashcard.updateMany({ where: { lessonId }, data: { position: { increment: OFFSET } } });
    for (const [position, c] of input.cards.entries()) {
      const id = matched[position];
      if (id === undefined) await tx.flashcard.create({ data: { lessonId, position, front: c.front, back: c.back } });
      else await tx.flashcard.update({ where: { id }, data: { position, front: c.front, back: c.back } });
    }
    await syncCourseMediaUsage(tx, lesson.courseId);
  });
}
