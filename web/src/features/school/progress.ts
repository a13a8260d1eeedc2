/**
 * Class progress for a teacher: per pupil and lesson (completed when), quiz results (best score, passed,
 * attempts) and course completion, for one course assigned to the class; and the same as CSV.
 */
import { stringify } from "csv-stringify/sync";
import type { LessonKind, PrismaClient } from "@smolitux/db";
import { ApiError } from "@/server/http.ts";
import { requireManagedClass, type SchoolActor } from "./access.ts";

/** One lesson column. */
export interface ProgressLesson {
  id: string;
  title: string;
  section: string;
  kind: LessonKind;
}

/** One pupil's cell for one lesson. */
export interface ProgressCell {
  /** ISO-8601 time the lesson was completed, or null */
  completedAt: string | null;
  /** quiz lessons: best score in percent (0..100), null when never attempted */
  quizBestPercent: number | null;
  quizPassed: boolean | null;
  quizAttempts: number;
}

export interface ProgressRow {
  userId: string;
  name: string | null;
  username: string | null;
  /** lessons completed / lessons in the course */
  completedLessons: number;
  /** ISO-8601 time of course completion, or null */
  courseCompletedAt: string | null;
  /** same order as {@link ClassProgress.lessons} */
  cells: ProgressCell[];
}

export interface ClassProgress {
  classId: string;
  className: string;
  course: { id: string; slug: string; title: string };
  lessons: ProgressLesson[];
  rows: ProgressRow[];
}

/**
 * Progress of every pupil of the class in one of its courses.
 * @throws ApiError not_found (class not managed by the actor, or the course is not assigned to the class)
 */
export async function classProgress(
  db: PrismaClient,
  actor: SchoolActor,
  classId: string,
  courseId: string,
): Promise<ClassProgress> {
  const klass = await requireManagedClass(db, actor, classId);
  const link = await db.classCourse.findUnique({
    where: { classId_courseId: { classId, courseId } },
    select: { course: { select: { id: true, slug: true, title: true } } },
  });
  if (!link) throw new ApiError("not_found", "This course is not assigned to the class.");
  const sections = await db.section.findMany({
    where: { courseId },
    orderBy: { position: "asc" },
    select: { title: true, lessons: { orderBy: { position: "asc" }, select: { id: true, title: true, kind: true } } },
  });
  const lessons: ProgressLesson[] = sections.flatMap((s) => s.lessons.map((l) => ({ ...l, section: s.title })));
  const members = await db.classMember.findMany({
    where: { classId },
    orderBy: [{ user: { name: "asc" } }, { user: { username: "asc" } }],
    select: { user: { select: { id: true, name: true, username: true } } },
  });
  const userIds = members.map((m) => m.user.id);
  const lessonIds = lessons.map((l) => l.id);
  const [progress, attempts, completions] = await Promise.all([
    db.lessonProgress.findMany({
      where: { userId: { in: userIds }, lessonId: { in: lessonIds }, completedAt: { not: null } },
      select: { userId: true, lessonId: true, completedAt: true },
    }),
    db.quizAttempt.groupBy({
      by: ["userId", "lessonId"],
      where: { userId: { in: userIds }, lessonId: { in: lessonIds } },
      _max: { scorePercent: true },
      _count: { _all: true },
    }),
    db.courseCompletion.findMany({
      where: { courseId, userId: { in: userIds } },
      select: { userId: true, completedAt: true },
    }),
  ]);
  const done = new Map(progress.map((p) => [`${p.userId}/${p.lessonId}`, p.completedAt]));
  const quiz = new Map(attempts.map((a) => [`${a.userId}/${a.lessonId}`, a]));
  const passedSet = new Set(
    (
      await db.quizAttempt.findMany({
        where: { userId: { in: userIds }, lessonId: { in: lessonIds }, passed: true },
        distinct: ["userId", "lessonId"],
        select: { userId: true, lessonId: true },
      })
    ).map((a) => `${a.userId}/${a.lessonId}`),
  );
  const completedAt = new Map(completions.map((c) => [c.userId, c.completedAt]));
  const rows: ProgressRow[] = members.map(({ user }) => {
    const cells = lessons.map((l): ProgressCell => {
      const key = `${user.id}/${l.id}`;
      const q = quiz.get(key);
      return {
        completedAt: done.get(key)?.toISOString() ?? null,
        quizBestPercent: q?._max.scorePercent ?? null,
        quizPassed: l.kind === "QUIZ" ? (q ? passedSet.has(key) : null) : null,
        quizAttempts: q?._count._all ?? 0,
      };
    });
    return {
      userId: user.id,
      name: user.name,
      username: user.username,
      completedLessons: cells.filter((c) => c.completedAt !== null).length,
      courseCompletedAt: completedAt.get(user.id)?.toISOString() ?? null,
      cells,
    };
  });
  return { classId: klass.id, className: klass.name, course: link.course, lessons, rows };
}

/** Column names of {@link progressCsv}. */
export const PROGRESS_CSV_COLUMNS = [
  "class",
  "pupil",
  "username",
  "course",
  "section",
  "lesson",
  "kind",
  "completed_at",
  "quiz_best_percent",
  "quiz_passed",
  "quiz_attempts",
  "course_completed_at",
] as const;

/** Neutralizes spreadsheet formulas (OWASP CSV injection): a text cell starting with = + - @ gets a leading '. */
function cell(v: string): string {
  return /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
}

/**
 * The progress as CSV (RFC 4180, one line per pupil and lesson, UTF-8 with a byte-order mark, header row). The
 * BOM makes Excel read the file as UTF-8 (without it Excel assumes the Windows code page and garbles "Zoë").
 * Text cells that a spreadsheet would run as a formula are prefixed with `'`.
 */
export function progressCsv(p: ClassProgress): string {
  const records = p.rows.flatMap((r) =>
    p.lessons.map((l, i) => {
      const c = r.cells[i];
      return [
        cell(p.className),
        cell(r.name ?? ""),
        r.username ?? "",
        cell(p.course.title),
        cell(l.section),
        cell(l.title),
        l.kind,
        c?.completedAt ?? "",
        c?.quizBestPercent ?? "",
        c?.quizPassed === null || c === undefined ? "" : c.quizPassed ? "yes" : "no",
        c?.quizAttempts ?? 0,
        r.courseCompletedAt ?? "",
      ];
    }),
  );
  return `\uFEFF${stringify(records, { header: true, columns: [...PROGRESS_CSV_COLUMNS] })}`;
}
