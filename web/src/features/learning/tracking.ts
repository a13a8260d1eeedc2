/** The transaction every progress write runs in: learner lock → change → completion rule. */
import type { Prisma } from "@smolitux/db";
import { hasAccess } from "@/features/enrollment/service.ts";
import { evaluateCompletion, lockLearner } from "./completion.ts";
import type { LearningDeps } from "./deps.ts";

/** Result of a progress write. */
export interface Tracked<T> {
  result: T;
  /** true when this write completed the course (the hook ran) */
  courseCompleted: boolean;
}

/**
 * Runs `change` for (user, course) under the learner lock, then evaluates the completion rule. Course
 * completion is recorded only for learners with an ACTIVE enrollment (providers and admins previewing
 * their course get lesson progress, never a completion).
 */
export async function trackProgress<T>(
  deps: LearningDeps,
  userId: string,
  courseId: string,
  change: (tx: Prisma.TransactionClient, now: Date) => Promise<T>,
): Promise<Tracked<T>> {
  return deps.db.$transaction(
    async (tx) => {
      await lockLearner(tx, userId, courseId);
      const now = deps.now();
      const result = await change(tx, now);
      const enrolled = await hasAccess(tx, userId, courseId);
      const courseCompleted = enrolled && (await evaluateCompletion(tx, deps.onCourseCompleted, userId, courseId, now));
      return { result, courseCompleted };
    },
    { timeout: 30_000, maxWait: 15_000 },
  );
}

/** Marks the lesson completed (keeps the first completion time). */
export async function markLessonCompleted(
  tx: Prisma.TransactionClient,
  userId: string,
  lessonId: string,
  now: Date,
): Promise<void> {
  await tx.lessonProgress.upsert({
    where: { userId_lessonId: { userId, lessonId } },
    create: { userId, lessonId, completedAt: now, updatedAt: now },
    update: { updatedAt: now },
  });
  await tx.lessonProgress.updateMany({
    where: { userId, lessonId, completedAt: null },
    data: { completedAt: now, updatedAt: now },
  });
}
