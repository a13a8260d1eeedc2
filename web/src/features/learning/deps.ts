/**
 * Dependencies of the learning services and the course-completed hook.
 *
 * The hook is the seam for certificates: the learning service inserts one `CourseCompletion` row per
 * (user, course) and calls {@link OnCourseCompleted} inside the SAME transaction, right after the insert
 * that won (a unique row, so concurrent completions fire it exactly once). If the hook throws, the
 * transaction rolls back — no completion row, no side effects — and the next progress event retries it.
 * Implementations must therefore do their work through `deps.db` (the transaction) and must not call
 * external systems directly (enqueue an outbox row instead).
 */
import type { Prisma, PrismaClient } from "@smolitux/db";

/** A Prisma client or an interactive-transaction client. */
export type { Db } from "@/features/enrollment/db.ts";

/** The event passed to {@link OnCourseCompleted}. */
export interface CourseCompletedEvent {
  userId: string;
  courseId: string;
  /** when the course completion was recorded (UTC) */
  completedAt: Date;
}

/** What a hook implementation may use: the transaction that recorded the completion. */
export interface CompletionHookDeps {
  db: Prisma.TransactionClient;
}

/**
 * Called exactly once per (user, course), on the transition to "course complete", inside the transaction
 * that recorded it. Throwing rolls the completion back (it is retried on the next progress event).
 */
export type OnCourseCompleted = (deps: CompletionHookDeps, event: CourseCompletedEvent) => Promise<void>;

/** The default hook: does nothing (the certificates feature replaces it in `wiring.ts`). */
export const noopOnCourseCompleted: OnCourseCompleted = async () => {};

/** Dependencies of the learning services. */
export interface LearningDeps {
  db: PrismaClient;
  onCourseCompleted: OnCourseCompleted;
  /** the clock (tests move it to simulate watching) */
  now: () => Date;
}

/** Learning deps with the no-op hook and the system clock. */
export function learningDeps(db: PrismaClient, overrides: Partial<Omit<LearningDeps, "db">> = {}): LearningDeps {
  return { db, onCourseCompleted: noopOnCourseCompleted, now: () => new Date(), ...overrides };
}
