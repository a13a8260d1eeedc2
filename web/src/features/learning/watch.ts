/**
 * Video watch progress from server-side heartbeats (`POST /api/learning/lessons/<id>/progress`).
 *
 * The player reports its playback position every ~10 s while playing and on pause/seek/end. The server keeps, per
 * (learner, course), a WATCH BUDGET (`CourseWatchClock`): each heartbeat credits the wall-clock time since the
 * previous heartbeat or lesson opening — at most {@link MAX_CREDITED_GAP_SECONDS} — times the fastest playback rate
 * ({@link MAX_PLAYBACK_RATE}); the budget never exceeds {@link BUDGET_CAP_SECONDS}. Moving the furthest watched
 * position of ANY video of the course forward spends the budget, so watching several videos in parallel, sending
 * heartbeats rapidly, or waiting and then jumping never beats real time: the furthest positions of a course advance
 * at most `MAX_PLAYBACK_RATE ×` wall-clock time (plus a one-time {@link INITIAL_BUDGET_SECONDS}).
 *
 * A heartbeat whose position is beyond what the budget allows (a seek forward past the watched part) is rejected
 * with 422 `unprocessable` and records nothing; seeking back is always fine (it only moves `lastPositionSeconds`, the
 * resume point). A video lesson completes when the furthest position reaches the course's `videoCompletionPercent`
 * (default 90 %) of the duration the SERVER knows: `Lesson.durationSeconds`, else the uploaded file's duration
 * (`MediaAsset.durationSeconds`, read from MP4 on upload). Without a known duration a video cannot complete.
 */
import type { Prisma } from "@smolitux/db";
import { ApiError } from "@/server/http.ts";

/** Fastest playback rate the player offers. */
export const MAX_PLAYBACK_RATE = 2;
/** Longest wall-clock gap one heartbeat can credit, in seconds (the player sends one every ~10 s). */
export const MAX_CREDITED_GAP_SECONDS = 30;
/** Budget granted when the clock starts (buffering, timer jitter), in seconds of media. */
export const INITIAL_BUDGET_SECONDS = 10;
/** Largest unspent budget, in seconds of media. */
export const BUDGET_CAP_SECONDS = MAX_CREDITED_GAP_SECONDS * MAX_PLAYBACK_RATE + INITIAL_BUDGET_SECONDS;
/** Interval the player should send heartbeats at while playing, in seconds. */
export const HEARTBEAT_INTERVAL_SECONDS = 10;

/** Watch state of a video lesson for one learner (the heartbeat response and the player's resume data). */
export interface WatchState {
  /** last reported position (resume here), seconds */
  lastPositionSeconds: number;
  /** furthest position reached within the budget, seconds */
  furthestSeconds: number;
  /** duration known to the server, seconds; null = unknown (the lesson cannot complete) */
  durationSeconds: number | null;
  /** furthest position that completes the lesson (duration × completion percent), seconds; null when unknown */
  requiredSeconds: number | null;
  /** the course's completion threshold, percent */
  completionPercent: number;
  lessonCompleted: boolean;
}

/** Starts the learner's watch clock of a course when it does not exist yet (called when a lesson is opened). */
export async function startWatchClock(
  tx: Prisma.TransactionClient,
  userId: string,
  courseId: string,
  now: Date,
): Promise<void> {
  await tx.$executeRaw`
    INSERT INTO "CourseWatchClock" ("userId", "courseId", "lastHeartbeatAt", "budgetSeconds")
    VALUES (${userId}, ${courseId}, ${now}, ${INITIAL_BUDGET_SECONDS})
    ON CONFLICT ("userId", "courseId") DO NOTHING`;
}

/** The budget after crediting the time since `lastHeartbeatAt` (pure). */
export function creditedBudget(clock: { lastHeartbeatAt: Date; budgetSeconds: number } | null, now: Date): number {
  if (!clock) return INITIAL_BUDGET_SECONDS;
  const gap = Math.max(0, (now.getTime() - clock.lastHeartbeatAt.getTime()) / 1000);
  return Math.min(
    BUDGET_CAP_SECONDS,
    clock.budgetSeconds + Math.min(gap, MAX_CREDITED_GAP_SECONDS) * MAX_PLAYBACK_RATE,
  );
}

/** The duration the server trusts and the completion threshold of a video lesson. */
export async function videoTarget(tx: Prisma.TransactionClient, lessonId: string) {
  const l = await tx.lesson.findUniqueOrThrow({
    where: { id: lessonId },
    select: {
      durationSeconds: true,
      media: { select: { durationSeconds: true } },
      section: { select: { course: { select: { videoCompletionPercent: true } } } },
    },
  });
  const durationSeconds = l.durationSeconds ?? l.media?.durationSeconds ?? null;
  const completionPercent = l.section.course.videoCompletionPercent;
  const requiredSeconds = durationSeconds === null ? null : Math.ceil((durationSeconds * completionPercent) / 100);
  return { durationSeconds, completionPercent, requiredSeconds };
}

/**
 * Applies one heartbeat inside the learner-locked transaction (see the module comment).
 * @throws ApiError 422 when the position is beyond the duration or beyond what the watch budget allows
 */
export async function applyHeartbeat(
  tx: Prisma.TransactionClient,
  userId: string,
  courseId: string,
  lessonId: string,
  positionSeconds: number,
  now: Date,
): Promise<WatchState> {
  const target = await videoTarget(tx, lessonId);
  if (target.durationSeconds !== null && positionSeconds > target.durationSeconds + 1) {
    throw new ApiError("unprocessable", "The position is beyond the end of the video.", {
      positionSeconds: `at most ${target.durationSeconds}`,
    });
  }
  const clock = await tx.courseWatchClock.findUnique({
    where: { userId_courseId: { userId, courseId } },
    select: { lastHeartbeatAt: true, budgetSeconds: true },
  });
  const budget = creditedBudget(clock, now);
  const previous = await tx.lessonProgress.findUnique({
    where: { userId_lessonId: { userId, lessonId } },
    select: { positionSeconds: true, completedAt: true },
  });
  const furthestBefore = previous?.positionSeconds ?? 0;
  const position = Math.floor(
    target.durationSeconds === null ? positionSeconds : Math.min(positionSeconds, target.durationSeconds),
  );
  const advance = Math.max(0, position - furthestBefore);
  if (advance > budget) {
    // Nothing is recorded, not even the clock: a rejected jump must not earn credit either.
    throw new ApiError(
      "unprocessable",
      "Implausible playback progress: the position moved faster than the video can play.",
      { positionSeconds: `at most ${Math.floor(furthestBefore + budget)}` },
    );
  }
  await tx.courseWatchClock.upsert({
    where: { userId_courseId: { userId, courseId } },
    create: { userId, courseId, lastHeartbeatAt: now, budgetSeconds: budget - advance },
    update: { lastHeartbeatAt: now, budgetSeconds: budget - advance },
  });
  const furthest = furthestBefore + advance;
  const reached = target.requiredSeconds !== null && furthest >= target.requiredSeconds;
  const completedAt = previous?.completedAt ?? (reached ? now : null);
  await tx.lessonProgress.upsert({
    where: { userId_lessonId: { userId, lessonId } },
    create: { userId, lessonId, positionSeconds: furthest, lastPositionSeconds: position, completedAt, openedAt: now },
    update: { positionSeconds: furthest, lastPositionSeconds: position, completedAt },
  });
  return {
    lastPositionSeconds: position,
    furthestSeconds: furthest,
    durationSeconds: target.durationSeconds,
    requiredSeconds: target.requiredSeconds,
    completionPercent: target.completionPercent,
    lessonCompleted: completedAt !== null,
  };
}
