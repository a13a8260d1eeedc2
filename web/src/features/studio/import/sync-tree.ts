/**
 * Writes a course's sections and lessons, updating an existing tree in place so learner data survives a
 * re-import: sections are matched by title, lessons by kind + title, quiz questions by prompt and flashcards by
 * their front; matched rows keep their ids (LessonProgress, QuizAttempt, FlashcardReview stay attached).
 * Unmatched old rows are deleted, new ones created. Quiz options of a matched question are recreated.
 */
import { CourseImportError } from "./errors.ts";
import { MEDIA_REF_PREFIX, type ParsedCourse, type ParsedLesson } from "./model.ts";
import type { Tx } from "./write-course.ts";

const MEDIA_REF = new RegExp(`${MEDIA_REF_PREFIX}([0-9a-f]{64})`, "g");

function take<T>(pool: Map<string, T[]>, key: string): T | undefined {
  return pool.get(key)?.shift();
}

function group<T>(items: T[], key: (t: T) => string): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const item of items) map.set(key(item), [...(map.get(key(item)) ?? []), item]);
  return map;
}

function scalars(lesson: ParsedLesson, assetIds: Map<string, string>) {
  const asset = (sha: string | undefined) => {
    if (sha === undefined) return null;
    const id = assetIds.get(sha);
    if (!id) throw new CourseImportError(`lesson "${lesson.title}": media ${sha} was not stored`);
    return id;
  };
  return {
    title: lesson.title,
    kind: lesson.kind,
    body: lesson.body.replace(MEDIA_REF, (_all, sha: string) => `/api/media/${asset(sha) ?? ""}`),
    mediaId: asset(lesson.mediaSha256),
    captionsId: asset(lesson.captionsSha256),
    durationSeconds: lesson.durationSeconds ?? null,
    isPreview: lesson.isPreview,
    required: lesson.required,
    passMarkPercent: lesson.passMarkPercent,
  };
}

const optionRows = (q: ParsedLesson["questions"][number]) =>
  q.options.map((o, j) => ({ text: o.text, correct: o.correct, position: j }));

async function syncLessonChildren(tx: Tx, lessonId: string, lesson: ParsedLesson): Promise<void> {
  await tx.$executeRaw`UPDATE "QuizQuestion" SET position = -1 - position WHERE "lessonId" = ${lessonId}`;
  await tx.$executeRaw`UPDATE "Flashcard" SET position = -1 - position WHERE "lessonId" = ${lessonId}`;
  const oldQuestions = group(
    await tx.quizQuestion.findMany({ where: { lessonId }, select: { id: true, prompt: true } }),
    (q) => q.prompt,
  );
  for (const [i, q] of lesson.questions.entries()) {
    const old = take(oldQuestions, q.prompt);
    const data = { prompt: q.prompt, multiple: q.multiple, explanation: q.explanation, position: i };
    if (old) {
      await tx.quizOption.deleteMany({ where: { questionId: old.id } });
      await tx.quizQuestion.update({ where: { id: old.id }, data: { ...data, options: { create: optionRows(q) } } });
    } else {
      await tx.quizQuestion.create({ data: { ...data, lessonId, options: { create: optionRows(q) } } });
    }
  }
  const staleQuestions = [...oldQuestions.values()].flat().map((q) => q.id);
  if (staleQuestions.length) await tx.quizQuestion.deleteMany({ where: { id: { in: staleQuestions } } });

  const oldCards = group(
    await tx.flashcard.findMany({ where: { lessonId }, select: { id: true, front: true } }),
    (c) => c.front,
  );
  for (const [i, card] of lesson.flashcards.entries()) {
    const old = take(oldCards, card.front);
    if (old) await tx.flashcard.update({ where: { id: old.id }, data: { back: card.back, position: i } });
    else await tx.flashcard.create({ data: { lessonId, front: card.front, back: card.back, position: i } });
  }
  const staleCards = [...oldCards.values()].flat().map((c) => c.id);
  if (staleCards.length) await tx.flashcard.deleteMany({ where: { id: { in: staleCards } } });
}

/**
 * Makes the course's sections/lessons/questions/flashcards equal to `sections`.
 * @param assetIds MediaAsset id per media sha256 (lesson media, captions and `smolitux-media:` references)
 * @returns counts written
 */
export async function syncCourseTree(
  tx: Tx,
  courseId: string,
  sections: ParsedCourse["sections"],
  assetIds: Map<string, string>,
): Promise<{ lessons: number; questions: number }> {
  // Park existing positions (negative) so reordering never collides with the unique (parent, position) keys.
  await tx.$executeRaw`UPDATE "Section" SET position = -1 - position WHERE "courseId" = ${courseId}`;
  await tx.$executeRaw`UPDATE "Lesson" SET position = -1 - position WHERE "sectionId" IN (SELECT id FROM "Section" WHERE "courseId" = ${courseId})`;
  const existing = await tx.section.findMany({
    where: { courseId },
    select: { id: true, title: true, lessons: { select: { id: true, kind: true, title: true } } },
  });
  const oldSections = group(existing, (s) => s.title);
  const oldLessons = group(
    existing.flatMap((s) => s.lessons),
    (l) => `${l.kind}\0${l.title}`,
  );

  let lessons = 0;
  let questions = 0;
  for (const [position, section] of sections.entries()) {
    const reused = take(oldSections, section.title);
    const sectionId = reused
      ? (await tx.section.update({ where: { id: reused.id }, data: { position }, select: { id: true } })).id
      : (await tx.section.create({ data: { courseId, title: section.title, position }, select: { id: true } })).id;
    for (const [i, lesson] of section.lessons.entries()) {
      const data = { ...scalars(lesson, assetIds), sectionId, position: i };
      const old = take(oldLessons, `${lesson.kind}\0${lesson.title}`);
      if (old) {
        await tx.lesson.update({ where: { id: old.id }, data });
        await syncLessonChildren(tx, old.id, lesson);
      } else {
        await tx.lesson.create({
          data: {
            ...data,
            questions: {
              create: lesson.questions.map((q, k) => ({
                prompt: q.prompt,
                multiple: q.multiple,
                explanation: q.explanation,
                position: k,
                options: { create: optionRows(q) },
              })),
            },
            flashcards: { create: lesson.flashcards.map((f, k) => ({ front: f.front, back: f.back, position: k })) },
          },
          select: { id: true },
        });
      }
      lessons += 1;
      questions += lesson.questions.length;
    }
  }
  const staleLessons = [...oldLessons.values()].flat().map((l) => l.id);
  if (staleLessons.length) await tx.lesson.deleteMany({ where: { id: { in: staleLessons } } });
  const staleSections = [...oldSections.values()].flat().map((s) => s.id);
  if (staleSections.length) await tx.section.deleteMany({ where: { id: { in: staleSections } } });
  return { lessons, questions };
}
