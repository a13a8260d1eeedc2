/** The learner dashboard: enrolled courses with progress, resume lesson, completion and certificate status. */
import type { CertificateStatus, EnrollmentSource, EnrollmentStatus } from "@smolitux/db";
import type { Db } from "./deps.ts";
import { courseProgressCounts } from "./completion.ts";
import { resumeLessonId } from "./player.ts";

/** One course card of the dashboard. Dates ISO-8601 UTC. */
export interface DashboardCourse {
  course: { id: string; slug: string; title: string };
  status: EnrollmentStatus;
  source: EnrollmentSource;
  enrolledAt: string;
  revokedAt: string | null;
  /** completed required lessons / required lessons, floored percent (0..100) */
  progressPercent: number;
  completedAt: string | null;
  /** lesson to resume at (null without lessons) */
  resumeLessonId: string | null;
  /** null until the certificates feature issues one */
  certificateStatus: CertificateStatus | null;
}

/** Progress percent: completed required lessons over required lessons (floored). */
export function progressPercent(requiredDone: number, required: number): number {
  if (required === 0) return 0;
  return Math.floor((requiredDone * 100) / required);
}

/** The user's courses (ACTIVE first, then REVOKED; newest enrollment first within each). */
export async function dashboardCourses(db: Db, userId: string): Promise<DashboardCourse[]> {
  const rows = await db.enrollment.findMany({
    where: { userId },
    orderBy: [{ status: "asc" }, { createdAt: "desc" }],
    select: {
      status: true,
      source: true,
      createdAt: true,
      revokedAt: true,
      course: {
        select: {
          id: true,
          slug: true,
          title: true,
          completions: { where: { userId }, select: { completedAt: true } },
          certificates: { where: { userId }, select: { status: true } },
        },
      },
    },
  });
  const out: DashboardCourse[] = [];
  for (const r of rows) {
    const counts = await courseProgressCounts(db, userId, r.course.id);
    const completedAt = r.course.completions[0]?.completedAt ?? null;
    out.push({
      course: { id: r.course.id, slug: r.course.slug, title: r.course.title },
      status: r.status,
      source: r.source,
      enrolledAt: r.createdAt.toISOString(),
      revokedAt: r.revokedAt?.toISOString() ?? null,
      progressPercent: completedAt ? 100 : progressPercent(counts.requiredDone, counts.required),
      completedAt: completedAt?.toISOString() ?? null,
      resumeLessonId: await resumeLessonId(db, userId, r.course.id),
      certificateStatus: r.course.certificates[0]?.status ?? null,
    });
  }
  return out;
}
