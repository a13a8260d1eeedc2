/**
 * The course completion rule, evaluated on the server after every progress change:
 *
 *   a course is complete for a learner when it has at least one lesson, every REQUIRED lesson has a
 *   completed `LessonProgress`, and every QUIZ lesson (required or not) has a passed `QuizAttempt`.
 *
 * The transition is recorded by inserting the unique `CourseCompletion` row (`ON CONFLICT DO NOTHING`);
 * only the insert that actually created the row calls `onCourseCompleted`, in the same transaction, so
 * the hook runs exactly once per (user, course) even under concurrent requests. Progress writers take
 * {@link lockLearner} first so that two concurrent lesson completions cannot both miss each other.
 * Completion is permanent: later course changes (new lessons) do not revoke it.
 */
import type { Prisma } from "@smolitux/db";
import type { OnCourseCompleted } from "./deps.ts";

/** Serializes the progress writes of one learner in one course (transaction-scoped advisory lock). */
export async function lockLearner(tx: Prisma.TransactionClient, userId: string, courseId: string): Promise<void> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`learning:${userId}:${courseId}`}, 0))`;
}

/** Counts behind the completion rule and the progress percentage. */
export interface CourseProgressCounts {
  lessons: number;
  required: number;
  requiredDone: number;
  quizzes: number;
  quizzesPassed: number;
}

/** The counts of {@link isCourseComplete} for one learner (one query per table). */
export async function courseProgressCounts(
  db: Prisma.TransactionClient,
  userId: string,
  courseId: string,
): Promise<CourseProgressCounts> {
  const lessons = await db.lesson.findMany({
    where: { section: { courseId } },
    select: {
      id: true,
      kind: true,
      required: true,
      progress: { where: { userId, completedAt: { not: null } }, select: { id: true } },
      attempts: { where: { userId, passed: true }, select: { id: true }, take: 1 },
    },
  });
  const required = lessons.filter((l) => l.required);
  const quizzes = lessons.filter((l) => l.kind === "QUIZ");
  return {
    lessons: lessons.length,
    required: required.length,
    requiredDone: required.filter((l) => l.progress.length > 0).length,
    quizzes: quizzes.length,
    quizzesPassed: quizzes.filter((l) => l.attempts.length > 0).length,
  };
}

/** The completion rule on the counts (see the module comment). */
export function isCourseComplete(c: CourseProgressCounts): boolean {
  return c.lessons > 0 && c.requiredDone === c.required && c.quizzesPassed === c.quizzes;
}

/**
 * Evaluates the rule and records the transition. Call inside the transaction that changed progress,
 * after {@link lockLearner}.
 * @returns true when THIS call recorded the completion (and ran the hook)
 */
export async function evaluateCompletion(
  tx: Prisma.TransactionClient,
  hook: OnCourseCompleted,
  userId: string,
  courseId: string,
  now: Date,
): Promise<boolean> {
  if (!isCourseComplete(await courseProgressCounts(tx, userId, courseId))) return false;
  const inserted = await tx.$queryRaw<{ id: string }[]>`
    INSERT INTO "CourseCompletion" ("id", "userId", "courseId", "completedAt")
    VALUES (${`cc_${crypto.randomUUID()}`}, ${userId}, ${courseId}, ${now})
    ON CONFLICT ("userId", "courseId") DO NOTHING
    RETURNING "id"`;
  if (inserted.length === 0) return false;
  await hook({ db: tx }, { userId, courseId, completedAt: now });
  return true;
}
