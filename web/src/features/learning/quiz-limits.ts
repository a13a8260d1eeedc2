/**
 * Quiz attempt limits and answer-key disclosure (pure rules + one query).
 *
 * Providers set per quiz `quizMaxAttempts` (default 3) and `quizCooldownSeconds` (default 600 = 10 minutes). After
 * `quizMaxAttempts` FAILED attempts in a row the learner must wait `quizCooldownSeconds` after the last of them; then
 * a new round of attempts starts. A pass ends the round.
 *
 * The correct options and explanations are disclosed only when the learner has passed the quiz (in any attempt) or
 * has used up the attempts of the current round — never before.
 */
import type { Prisma } from "@smolitux/db";

/** A learner's attempt state of one quiz. */
export interface QuizAttemptState {
  maxAttempts: number;
  cooldownSeconds: number;
  /** failed attempts in the current round */
  failedInRound: number;
  /** attempts left before the cooldown (0 while cooling down) */
  attemptsLeft: number;
  /** ISO-8601 time the next attempt is allowed; null when allowed now */
  retryAt: string | null;
  /** passed in any attempt */
  passed: boolean;
  /** whether correct answers and explanations may be shown */
  revealAnswers: boolean;
}

/** The attempt state from a learner's attempts (oldest first) at `now` (pure). */
export function attemptState(
  attempts: readonly { passed: boolean; createdAt: Date }[],
  limits: { maxAttempts: number; cooldownSeconds: number },
  now: Date,
): QuizAttemptState {
  let failed = 0;
  let lastFailAt: Date | null = null;
  let passed = false;
  for (const a of attempts) {
    if (
      failed >= limits.maxAttempts &&
      lastFailAt &&
      a.createdAt.getTime() >= lastFailAt.getTime() + limits.cooldownSeconds * 1000
    ) {
      failed = 0;
    }
    if (a.passed) {
      passed = true;
      failed = 0;
    } else {
      failed += 1;
      lastFailAt = a.createdAt;
    }
  }
  const exhausted = failed >= limits.maxAttempts;
  const until = exhausted && lastFailAt ? new Date(lastFailAt.getTime() + limits.cooldownSeconds * 1000) : null;
  const cooling = until !== null && until > now;
  return {
    maxAttempts: limits.maxAttempts,
    cooldownSeconds: limits.cooldownSeconds,
    failedInRound: exhausted && !cooling ? 0 : failed,
    attemptsLeft: cooling ? 0 : exhausted ? limits.maxAttempts : limits.maxAttempts - failed,
    retryAt: cooling ? until.toISOString() : null,
    passed,
    revealAnswers: passed || exhausted,
  };
}

/** Loads the limits and the learner's attempts of a quiz lesson and computes {@link attemptState}. */
export async function loadAttemptState(
  db: Prisma.TransactionClient,
  userId: string,
  lessonId: string,
  now: Date,
): Promise<QuizAttemptState> {
  const lesson = await db.lesson.findUniqueOrThrow({
    where: { id: lessonId },
    select: {
      quizMaxAttempts: true,
      quizCooldownSeconds: true,
      attempts: { where: { userId }, orderBy: { createdAt: "asc" }, select: { passed: true, createdAt: true } },
    },
  });
  return attemptState(
    lesson.attempts,
    { maxAttempts: lesson.quizMaxAttempts, cooldownSeconds: lesson.quizCooldownSeconds },
    now,
  );
}
