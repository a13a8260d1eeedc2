/**
 * Read model of the course player. The lesson payload never contains the answer key of a quiz
 * (`QuizOption.correct`) nor its explanations: those are only returned by `submitQuiz`.
 */
import type { LessonKind } from "@smolitux/db";
import { toCover, type CourseCover } from "@/features/catalog/queries.ts";
import { renderMarkdown } from "@/lib/markdown.ts";
import { authorizeLesson, type AccessLevel, type Viewer } from "./access.ts";
import type { Db } from "./deps.ts";
import { loadAttemptState, type QuizAttemptState } from "./quiz-limits.ts";
import { studyOrder } from "./spaced-repetition.ts";
import { HEARTBEAT_INTERVAL_SECONDS, videoTarget } from "./watch.ts";

/** One lesson of the curriculum sidebar. */
export interface CurriculumLesson {
  id: string;
  title: string;
  kind: LessonKind;
  isPreview: boolean;
  required: boolean;
  completed: boolean;
}

export interface PlayerQuestion {
  id: string;
  promptHtml: string;
  multiple: boolean;
  options: { id: string; textHtml: string }[];
}

export interface PlayerFlashcard {
  id: string;
  frontHtml: string;
  backHtml: string;
  /** due now (never reviewed, or its due time has passed) */
  due: boolean;
  /** ISO-8601; null when never reviewed */
  dueAt: string | null;
}

/** Everything the player page renders for one lesson. */
export interface PlayerData {
  access: AccessLevel;
  canTrack: boolean;
  /** `cover`: the course's cover, the poster of a video lesson until playback starts (null for other lessons or without one) */
  course: { id: string; slug: string; title: string; language: string; cover: CourseCover | null };
  sections: { id: string; title: string; lessons: CurriculumLesson[] }[];
  lesson: {
    id: string;
    title: string;
    kind: LessonKind;
    bodyHtml: string;
    /** `/api/media/<id>` URLs */
    mediaUrl: string | null;
    mediaType: string | null;
    captionsUrl: string | null;
    durationSeconds: number | null;
    passMarkPercent: number;
    questions: PlayerQuestion[];
    flashcards: PlayerFlashcard[];
  };
  /**
   * Progress of this lesson. Video: `positionSeconds` = furthest watched position, `lastPositionSeconds` = resume
   * point, `requiredSeconds` = furthest position that completes it (null when the duration is unknown).
   */
  progress: {
    completed: boolean;
    positionSeconds: number;
    lastPositionSeconds: number;
    requiredSeconds: number | null;
    /** the interval the player should send heartbeats at while playing, seconds */
    heartbeatIntervalSeconds: number;
  };
  /** QUIZ lessons of a tracking learner: attempts left, cooldown, whether answers are disclosed; else null */
  quiz: QuizAttemptState | null;
  lastAttempt: { scorePercent: number; passed: boolean; at: string } | null;
  previousId: string | null;
  nextId: string | null;
}

const mediaUrl = (id: string) => `/api/media/${encodeURIComponent(id)}`;

/**
 * The player data of `lessonId` (in course `slug` when given) for `viewer`.
 * @throws ApiError 401/403/404 (see access.ts)
 */
export async function playerData(
  db: Db,
  viewer: Viewer | null,
  slug: string | undefined,
  lessonId: string,
  now = new Date(),
): Promise<PlayerData> {
  const access = await authorizeLesson(db, viewer, lessonId, slug);
  const userId = access.canTrack && viewer ? viewer.id : null;
  const sections = await db.section.findMany({
    where: { courseId: access.course.id },
    orderBy: { position: "asc" },
    select: {
      id: true,
      title: true,
      lessons: {
        orderBy: { position: "asc" },
        select: {
          id: true,
          title: true,
          kind: true,
          isPreview: true,
          required: true,
          progress: { where: { userId: userId ?? "" }, select: { completedAt: true } },
        },
      },
    },
  });
  const flat = sections.flatMap((s) => s.lessons);
  const index = flat.findIndex((l) => l.id === lessonId);
  const lesson = await db.lesson.findUniqueOrThrow({
    where: { id: lessonId },
    select: {
      id: true,
      title: true,
      kind: true,
      body: true,
      durationSeconds: true,
      passMarkPercent: true,
      mediaId: true,
      captionsId: true,
      media: { select: { mimeType: true } },
      questions: {
        orderBy: { position: "asc" },
        select: {
          id: true,
          prompt: true,
          multiple: true,
          options: { orderBy: { position: "asc" }, select: { id: true, text: true } },
        },
      },
      flashcards: {
        orderBy: { position: "asc" },
        select: {
          id: true,
          front: true,
          back: true,
          position: true,
          reviews: {
            where: { userId: userId ?? "" },
            select: { intervalDays: true, easeFactor: true, repetitions: true, dueAt: true },
          },
        },
      },
      progress: {
        where: { userId: userId ?? "" },
        select: { completedAt: true, positionSeconds: true, lastPositionSeconds: true },
      },
      attempts: {
        where: { userId: userId ?? "" },
        orderBy: { createdAt: "desc" },
        take: 1,
        select: { scorePercent: true, passed: true, createdAt: true },
      },
    },
  });
  const cards = studyOrder(
    lesson.flashcards.map((c) => ({ ...c, schedule: c.reviews[0] ?? null })),
    now,
  );
  const attempt = lesson.attempts[0];
  const target = lesson.kind === "VIDEO" ? await videoTarget(db, lessonId) : null;
  const coverRow =
    lesson.kind === "VIDEO"
      ? await db.course.findUniqueOrThrow({
          where: { id: access.course.id },
          select: { coverAlt: true, coverBlurDataUrl: true, cover: { select: { id: true, mimeType: true } } },
        })
      : null;
  const data: PlayerData = {
    access: access.level,
    canTrack: access.canTrack,
    course: {
      id: access.course.id,
      slug: access.course.slug,
      title: access.course.title,
      language: access.course.language,
      cover: coverRow ? toCover(coverRow) : null,
    },
    sections: sections.map((s) => ({
      id: s.id,
      title: s.title,
      lessons: s.lessons.map((l) => ({
        id: l.id,
        title: l.title,
        kind: l.kind,
        isPreview: l.isPreview,
        required: l.required,
        completed: !!l.progress[0]?.completedAt,
      })),
    })),
    lesson: {
      id: lesson.id,
      title: lesson.title,
      kind: lesson.kind,
      bodyHtml: await renderMarkdown(lesson.body),
      mediaUrl: lesson.mediaId ? mediaUrl(lesson.mediaId) : null,
      mediaType: lesson.media?.mimeType ?? null,
      captionsUrl: lesson.captionsId ? mediaUrl(lesson.captionsId) : null,
      durationSeconds: target?.durationSeconds ?? lesson.durationSeconds,
      passMarkPercent: lesson.passMarkPercent,
      questions: await Promise.all(
        lesson.questions.map(async (q) => ({
          id: q.id,
          promptHtml: await renderMarkdown(q.prompt),
          multiple: q.multiple,
          options: await Promise.all(
            q.options.map(async (o) => ({ id: o.id, textHtml: await renderMarkdown(o.text) })),
          ),
        })),
      ),
      flashcards: await Promise.all(
        cards.map(async (c) => ({
          id: c.id,
          frontHtml: await renderMarkdown(c.front),
          backHtml: await renderMarkdown(c.back),
          due: c.schedule === null || c.schedule.dueAt <= now,
          dueAt: c.schedule?.dueAt.toISOString() ?? null,
        })),
      ),
    },
    progress: {
      completed: !!lesson.progress[0]?.completedAt,
      positionSeconds: lesson.progress[0]?.positionSeconds ?? 0,
      lastPositionSeconds: lesson.progress[0]?.lastPositionSeconds ?? 0,
      requiredSeconds: target?.requiredSeconds ?? null,
      heartbeatIntervalSeconds: HEARTBEAT_INTERVAL_SECONDS,
    },
    quiz: lesson.kind === "QUIZ" && userId ? await loadAttemptState(db, userId, lessonId, now) : null,
    lastAttempt: attempt
      ? { scorePercent: attempt.scorePercent, passed: attempt.passed, at: attempt.createdAt.toISOString() }
      : null,
    previousId: index > 0 ? (flat[index - 1]?.id ?? null) : null,
    nextId: index >= 0 ? (flat[index + 1]?.id ?? null) : null,
  };
  return data;
}

/**
 * The lesson to resume a course at: the lesson the learner opened or progressed most recently, else the
 * first lesson. Null for a course without lessons.
 */
export async function resumeLessonId(db: Db, userId: string | null, courseId: string): Promise<string | null> {
  if (userId) {
    const last = await db.lessonProgress.findFirst({
      where: { userId, lesson: { section: { courseId } } },
      orderBy: { updatedAt: "desc" },
      select: { lessonId: true },
    });
    if (last) return last.lessonId;
  }
  const first = await db.lesson.findFirst({
    where: { section: { courseId } },
    orderBy: [{ section: { position: "asc" } }, { position: "asc" }],
    select: { id: true },
  });
  return first?.id ?? null;
}
