/** Test fixtures of the learning feature: a published course with one lesson of every kind, and users. */
import type { PrismaClient } from "@smolitux/db";
import type { LearningDeps } from "../deps.ts";

let n = 0;

/** Creates a user with roles. */
export async function createUser(
  db: PrismaClient,
  name: string,
  roles: ("LEARNER" | "PROVIDER" | "PLATFORM_ADMIN")[] = ["LEARNER"],
): Promise<{ id: string; roles: string[] }> {
  return db.user.create({ data: { name, roles }, select: { id: true, roles: true } });
}

/** The ids of {@link createCourse}. */
export interface CourseFixture {
  courseId: string;
  slug: string;
  providerId: string;
  /** preview TEXT lesson (required) */
  preview: string;
  /** VIDEO lesson, 100 s (required) */
  video: string;
  /** TEXT lesson (required) */
  text: string;
  /** QUIZ lesson, pass mark 70 %: q1 single choice (correct: q1b), q2 multiple (correct: q2a, q2b) */
  quiz: string;
  q1: string;
  q1a: string;
  q1b: string;
  q2: string;
  q2a: string;
  q2b: string;
  q2c: string;
  /** FLASHCARDS lesson with two cards */
  deck: string;
  cards: [string, string];
  /** PDF lesson, NOT required */
  pdf: string;
}

/** A PUBLISHED course (not free) with lessons of every kind. */
export async function createCourse(db: PrismaClient, opts: { providerId?: string } = {}): Promise<CourseFixture> {
  n += 1;
  const providerId = opts.providerId ?? (await createUser(db, "Provider", ["LEARNER", "PROVIDER"])).id;
  const slug = `learn-${Date.now()}-${n}`;
  const course = await db.course.create({
    data: { slug, title: "Learning fixture", providerId, status: "PUBLISHED", publishedAt: new Date() },
    select: { id: true },
  });
  const s1 = await db.section.create({
    data: { courseId: course.id, title: "One", position: 0 },
    select: { id: true },
  });
  const s2 = await db.section.create({
    data: { courseId: course.id, title: "Two", position: 1 },
    select: { id: true },
  });
  const lesson = (sectionId: string, position: number, data: Record<string, unknown>) =>
    db.lesson.create({
      data: { sectionId, position, title: `L${position}`, kind: "TEXT", body: "Hello **world**", ...data },
      select: { id: true },
    });
  const preview = await lesson(s1.id, 0, { isPreview: true, title: "Preview" });
  const video = await lesson(s1.id, 1, { kind: "VIDEO", durationSeconds: 100, title: "Video" });
  const text = await lesson(s1.id, 2, { title: "Text" });
  const quiz = await lesson(s2.id, 0, { kind: "QUIZ", title: "Quiz", passMarkPercent: 70 });
  const q1 = await db.quizQuestion.create({
    data: { lessonId: quiz.id, prompt: "Pick B", position: 0, explanation: "B is right because it is B." },
    select: { id: true },
  });
  const opt = (questionId: string, position: number, correct: boolean) =>
    db.quizOption.create({ data: { questionId, position, text: `Option ${position}`, correct }, select: { id: true } });
  const q1a = await opt(q1.id, 0, false);
  const q1b = await opt(q1.id, 1, true);
  const q2 = await db.quizQuestion.create({
    data: { lessonId: quiz.id, prompt: "Pick A and B", position: 1, multiple: true, explanation: "A and B." },
    select: { id: true },
  });
  const q2a = await opt(q2.id, 0, true);
  const q2b = await opt(q2.id, 1, true);
  const q2c = await opt(q2.id, 2, false);
  const deck = await lesson(s2.id, 1, { kind: "FLASHCARDS", title: "Cards" });
  const c1 = await db.flashcard.create({ data: { lessonId: deck.id, front: "F1", back: "B1", position: 0 } });
  const c2 = await db.flashcard.create({ data: { lessonId: deck.id, front: "F2", back: "B2", position: 1 } });
  const pdf = await lesson(s2.id, 2, { kind: "PDF", title: "PDF", required: false });
  return {
    courseId: course.id,
    slug,
    providerId,
    preview: preview.id,
    video: video.id,
    text: text.id,
    quiz: quiz.id,
    q1: q1.id,
    q1a: q1a.id,
    q1b: q1b.id,
    q2: q2.id,
    q2a: q2a.id,
    q2b: q2b.id,
    q2c: q2c.id,
    deck: deck.id,
    cards: [c1.id, c2.id],
    pdf: pdf.id,
  };
}

/** Creates an enrolled learner (FREE grant, ACTIVE) in `courseId`. */
export async function createLearner(db: PrismaClient, courseId: string, name = "Learner") {
  const user = await createUser(db, name);
  await db.enrollment.create({ data: { userId: user.id, courseId, source: "FREE" } });
  return user;
}

/** A settable clock for {@link LearningDeps.now}. */
export function testClock(start = new Date("2026-11-22T10:00:00Z")) {
  let t = start.getTime();
  return {
    now: () => new Date(t),
    advance(seconds: number) {
      t += seconds * 1000;
    },
  };
}

/**
 * Completes a lesson the way the player does: opens it, then — for a VIDEO — sends a heartbeat every 10 s of a
 * virtual clock (starting at `deps.now()`) until the server completes it; other kinds are marked as done. QUIZ
 * lessons are not handled (submit answers instead).
 * @returns whether the course was completed by this lesson
 */
export async function finishLesson(
  deps: LearningDeps,
  viewer: { id: string; roles: readonly string[] },
  lessonId: string,
): Promise<boolean> {
  const { openLesson, completeLesson, recordVideoProgress } = await import("../progress.ts");
  const kind = (await deps.db.lesson.findUniqueOrThrow({ where: { id: lessonId }, select: { kind: true } })).kind;
  if (kind !== "VIDEO") {
    await openLesson(deps, viewer.id, lessonId);
    return (await completeLesson(deps, viewer, lessonId)).courseCompleted;
  }
  const clock = testClock(deps.now());
  const watching: LearningDeps = { ...deps, now: clock.now };
  await openLesson(watching, viewer.id, lessonId);
  for (let position = 10; position <= 86_400; position += 10) {
    clock.advance(10);
    const r = await recordVideoProgress(watching, viewer, lessonId, { positionSeconds: position });
    if (r.lessonCompleted) return r.courseCompleted;
  }
  throw new Error("the video never completed");
}
