/**
 * Lesson progress services: opening a lesson (resume pointer, starts the course's watch clock), "mark as done" for
 * reading-type lessons, and video heartbeats (watch.ts).
 *
 * Completion rules (server-side only):
 * - VIDEO: only from heartbeats (watch.ts) — "mark as done" is refused;
 * - QUIZ: only by passing it (quiz.ts);
 * - TEXT, PDF, FLASHCARDS: "mark as done", but only for a lesson the learner has opened (the player page or
 *   `GET /api/learning/lessons/<id>` records the opening).
 */
import { z } from "zod";
import { ApiError } from "@/server/http.ts";
import type { LearningDeps } from "./deps.ts";
import { authorizeTracking, type Viewer } from "./access.ts";
import { markLessonCompleted, trackProgress } from "./tracking.ts";
import { applyHeartbeat, startWatchClock, type WatchState } from "./watch.ts";

export { MAX_PLAYBACK_RATE, HEARTBEAT_INTERVAL_SECONDS } from "./watch.ts";

/** Body of `POST /api/learning/lessons/<id>/progress` (a heartbeat): the playback position in seconds. */
export const videoProgressSchema = z.strictObject({
  positionSeconds: z.number().finite().min(0).max(86_400),
});
export type VideoProgressInput = z.infer<typeof videoProgressSchema>;

/** Outcome of a heartbeat: the watch state plus whether this write completed the course. */
export interface ProgressResult extends WatchState {
  courseCompleted: boolean;
  /** furthest position reached, in seconds (same as `furthestSeconds`; kept for older clients) */
  positionSeconds: number;
}

/**
 * Records that the learner opened a lesson: the "resume" pointer, the opening time (needed before "mark as done")
 * and the start of the course's watch clock. Call only for viewers with tracking access.
 */
export async function openLesson(deps: LearningDeps, userId: string, lessonId: string): Promise<void> {
  const now = deps.now();
  const lesson = await deps.db.lesson.findUnique({
    where: { id: lessonId },
    select: { section: { select: { courseId: true } } },
  });
  if (!lesson) return;
  await deps.db.$transaction(async (tx) => {
    await tx.$executeRaw`
      INSERT INTO "LessonProgress" ("id", "userId", "lessonId", "positionSeconds", "openedAt", "updatedAt")
      VALUES (${`lp_${crypto.randomUUID()}`}, ${userId}, ${lessonId}, 0, ${now}, ${now})
      ON CONFLICT ("userId", "lessonId") DO UPDATE SET "updatedAt" = EXCLUDED."updatedAt"`;
    await startWatchClock(tx, userId, lesson.section.courseId, now);
  });
}

/**
 * "Mark as done" for TEXT, PDF and FLASHCARDS lessons the learner has opened.
 * @throws ApiError 401/403/404 (access); 422 for VIDEO (completes by watching) and QUIZ (by passing), and for a
 *   lesson that was never opened
 */
export async function completeLesson(deps: LearningDeps, viewer: Viewer | null, lessonId: string) {
  const access = await authorizeTracking(deps.db, viewer, lessonId);
  if (access.lesson.kind === "QUIZ") throw new ApiError("unprocessable", "A quiz is completed by passing it.");
  if (access.lesson.kind === "VIDEO") {
    throw new ApiError("unprocessable", "A video is completed by watching it; the player reports your progress.");
  }
  const { userId } = access;
  const { courseCompleted } = await trackProgress(deps, userId, access.course.id, async (tx, now) => {
    const opened = await tx.lessonProgress.findUnique({
      where: { userId_lessonId: { userId, lessonId } },
      select: { id: true },
    });
    if (!opened) throw new ApiError("unprocessable", "Open the lesson before marking it as done.");
    await markLessonCompleted(tx, userId, lessonId, now);
  });
  return { lessonCompleted: true, courseCompleted };
}

/**
 * Records a heartbeat of a VIDEO lesson (rules in watch.ts).
 * @throws ApiError 401/403/404 (access), 422 (not a video, position beyond the duration, or beyond the watch budget)
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
  const { result, courseCompleted } = await trackProgress(deps, userId, access.course.id, (tx, now) =>
    applyHeartbeat(tx, userId, access.course.id, lessonId, input.positionSeconds, now),
  );
  return { ...result, positionSeconds: result.furthestSeconds, courseCompleted };
}
