/**
 * Lesson progress services: opening a lesson (resume pointer), "mark as done", and video progress.
 *
 * Video completion (>= 90 % watched) is computed by the server from the positions the player reports,
 * never taken from the client. A report may advance the furthest position reached by at most
 * `min(elapsed, 120 s) × 2 (fastest playback rate) + 5 s` since the previous accepted report or the
 * lesson's opening (the first report without either: at most 30 s); larger jumps and positions beyond the
 * media's duration are rejected (422) and not recorded. Seeking back is accepted and never lowers the
 * furthest position. Duration: `Lesson.durationSeconds` (set by the importer/studio from the file), or,
 * when unknown, the duration the player reads from the media element (bounded to 24 h).
 */
import { z } from "zod";
import { ApiError } from "@/server/http.ts";
import type { LearningDeps } from "./deps.ts";
import { authorizeTracking, type Viewer } from "./access.ts";
import { markLessonCompleted, trackProgress } from "./tracking.ts";

/** Fastest playback rate the player offers. */
export const MAX_PLAYBACK_RATE = 2;
/** Slack per report for timer jitter and the final flush on `ended`, in seconds. */
export const REPORT_SLACK_SECONDS = 5;
/** Longest gap between reports that counts as watching time, in seconds. */
export const MAX_COUNTED_GAP_SECONDS = 120;
/** Largest first position without an earlier report or opening, in seconds. */
export const FIRST_REPORT_MAX_SECONDS = 30;
/** Share of the duration that completes a video lesson, in percent. */
export const VIDEO_COMPLETION_PERCENT = 90;

/** Body of `POST /api/learning/lessons/<id>/progress`. Seconds. */
export const videoProgressSchema = z.strictObject({
  positionSeconds: z.number().finite().min(0).max(86_400),
  mediaDurationSeconds: z.number().finite().positive().max(86_400).optional(),
});
export type VideoProgressInput = z.infer<typeof videoProgressSchema>;

/** Outcome of a progress write. */
export interface ProgressResult {
  lessonCompleted: boolean;
  courseCompleted: boolean;
  /** furthest position reached, in seconds (video) */
  positionSeconds: number;
}

/**
 * Records that the learner opened a lesson (the "resume" pointer and the clock of the next video report).
 * No-op for viewers without tracking access.
 */
export async function openLesson(deps: LearningDeps, userId: string, lessonId: string): Promise<void> {
  const now = deps.now();
  await deps.db.$executeRaw`
    INSERT INTO "LessonProgress" ("id", "userId", "lessonId", "positionSeconds", "updatedAt")
    VALUES (${`lp_${crypto.randomUUID()}`}, ${userId}, ${lessonId}, 0, ${now})
    ON CONFLICT ("userId", "lessonId") DO UPDATE SET "updatedAt" = EXCLUDED."updatedAt"`;
}

/**
 * "Mark as done" for TEXT, PDF, VIDEO and FLASHCARDS lessons.
 * @throws ApiError 401/403/404 (access), 422 for QUIZ lessons (they complete when passed)
 */
export async function completeLesson(deps: LearningDeps, viewer: Viewer | null, lessonId: string) {
  const access = await authorizeTracking(deps.db, viewer, lessonId);
  if (access.lesson.kind === "QUIZ") throw new ApiError("unprocessable", "A quiz is completed by passing it.");
  const { userId } = access;
  const { courseCompleted } = await trackProgress(deps, userId, access.course.id, (tx, now) =>
    markLessonCompleted(tx, userId, lessonId, now),
  );
  return { lessonCompleted: true, courseCompleted };
}

/** The largest furthest-position a report may reach (see the module comment). */
export function maxPlausiblePosition(previous: { positionSeconds: number; updatedAt: Date } | null, now: Date): number {
  if (!previous) return FIRST_REPORT_MAX_SECONDS;
  const elapsed = Math.max(0, (now.getTime() - previous.updatedAt.getTime()) / 1000);
  return (
    previous.positionSeconds + Math.min(elapsed, MAX_COUNTED_GAP_SECONDS) * MAX_PLAYBACK_RATE + REPORT_SLACK_SECONDS
  );
}

/**
 * Records a playback position of a VIDEO lesson and completes it at >= 90 % of the duration.
 * @throws ApiError 401/403/404 (access), 422 (not a video, position beyond the duration, or an implausible jump)
 */
export async function recordVideoProgress(
  deps: LearningDeps,
  viewer: Viewer | null,
  lessonId: string,
  input: VideoProgressInput,
): Promise<ProgressResult> {
  const access = await authorizeTracking(deps.db, viewer, lessonId);
  if (access.lesson.kind !== "VIDEO") throw new ApiError("unprocessable", "Only video lessons report playback.");
  const { userId } = access;
  const lesson = await deps.db.lesson.findUniqueOrThrow({ where: { id: lessonId }, select: { durationSeconds: true } });
  const duration = lesson.durationSeconds ?? input.mediaDurationSeconds ?? null;
  if (duration !== null && input.positionSeconds > duration + 1) {
    throw new ApiError("unprocessable", "The position is beyond the end of the video.");
  }
  const { result, courseCompleted } = await trackProgress(deps, userId, access.course.id, async (tx, now) => {
    const previous = await tx.lessonProgress.findUnique({
      where: { userId_lessonId: { userId, lessonId } },
      select: { positionSeconds: true, updatedAt: true, completedAt: true },
    });
    if (input.positionSeconds > maxPlausiblePosition(previous, now)) {
      throw new ApiError("unprocessable", "Implausible playback progress: the position moved faster than playback.");
    }
    const reported = Math.round(duration === null ? input.positionSeconds : Math.min(input.positionSeconds, duration));
    const furthest = Math.max(previous?.positionSeconds ?? 0, reported);
    const reached = duration !== null && furthest * 100 >= duration * VIDEO_COMPLETION_PERCENT;
    const completedAt = previous?.completedAt ?? (reached ? now : null);
    await tx.lessonProgress.upsert({
      where: { userId_lessonId: { userId, lessonId } },
      create: { userId, lessonId, positionSeconds: furthest, completedAt, updatedAt: now },
      update: { positionSeconds: furthest, completedAt, updatedAt: now },
    });
    return { positionSeconds: furthest, lessonCompleted: completedAt !== null };
  });
  return { ...result, courseCompleted };
}
