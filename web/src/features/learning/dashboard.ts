/** The learner dashboard: enrolled courses with progress, resume lesson, completion and certificate status. */
import type { CertificateStatus, EnrollmentSource, EnrollmentStatus } from "@smolitux/db";
import { PURCHASE_STATUS } from "@/features/enrollment/purchases.ts";
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
  /**
   * True for a revoked wallet purchase on the local test chain (31337) that was never refunded: the
   * purchase was lost with a chain reset (the dev Hardhat node keeps no state between starts).
   */
  lostWithChainReset: boolean;
  /** completed required lessons / required lessons, floored percent (0..100) */
  progressPercent: number;
  completedAt: string | null;
  /** lesson to resume at (null without lessons) */
  resumeLessonId: string | null;
  /** null until the certificates feature issues one */
  certificateStatus: CertificateStatus | null;
  /** the certificate's id (its page is /certificates/<id>), null without one */
  certificateId: string | null;
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
      sourceRef: true,
      createdAt: true,
      revokedAt: true,
      course: {
        select: {
          id: true,
          slug: true,
          title: true,
          completions: { where: { userId }, select: { completedAt: true } },
          certificates: { where: { userId }, select: { id: true, status: true } },
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
      lostWithChainReset:
        r.status === "REVOKED" && r.source === "CRYPTO" && (await lostWithChainReset(db, r.sourceRef)),
      progressPercent: completedAt ? 100 : progressPercent(counts.requiredDone, counts.required),
      completedAt: completedAt?.toISOString() ?? null,
      resumeLessonId: await resumeLessonId(db, userId, r.course.id),
      certificateStatus: r.course.certificates[0]?.status ?? null,
      certificateId: r.course.certificates[0]?.id ?? null,
    });
  }
  return out;
}

/**
 * Whether the wallet purchase `sourceRef` (`purchase:<chainId>:<id>`) was lost with a reset of the local
 * test chain: on chain 31337 a refund leaves the purchase REFUNDED; a missing row (the indexer rebuilt its
 * index from a new, empty chain) or one of another state (the id was reused on the new chain) means reset.
 */
async function lostWithChainReset(db: Db, sourceRef: string | null): Promise<boolean> {
  const m = /^purchase:31337:(\d+)$/.exec(sourceRef ?? "");
  if (!m) return false;
  const purchase = await db.purchase.findUnique({
    where: { chainId_purchaseId: { chainId: 31337, purchaseId: m[1]! } },
    select: { status: true },
  });
  return purchase?.status !== PURCHASE_STATUS.REFUNDED;
}

/** What the course page's buy box shows an enrolled learner instead of prices. */
export interface LearnerCourseState {
  source: EnrollmentSource;
  /** as on the dashboard: 100 once completed */
  progressPercent: number;
  /** ISO 8601 UTC, null until completed */
  completedAt: string | null;
  resumeLessonId: string | null;
  certificate: { id: string; status: CertificateStatus } | null;
}

/**
 * The learner's state in one course for the course page, or null without an ACTIVE enrollment (then the
 * page shows prices). Same rules as {@link dashboardCourses}.
 */
export async function learnerCourseState(db: Db, userId: string, courseId: string): Promise<LearnerCourseState | null> {
  const enrollment = await db.enrollment.findFirst({
    where: { userId, courseId, status: "ACTIVE" },
    select: { source: true },
  });
  if (!enrollment) return null;
  const [counts, completion, certificate, resume] = await Promise.all([
    courseProgressCounts(db, userId, courseId),
    db.courseCompletion.findUnique({ where: { userId_courseId: { userId, courseId } }, select: { completedAt: true } }),
    db.certificate.findUnique({ where: { userId_courseId: { userId, courseId } }, select: { id: true, status: true } }),
    resumeLessonId(db, userId, courseId),
  ]);
  return {
    source: enrollment.source,
    progressPercent: completion ? 100 : progressPercent(counts.requiredDone, counts.required),
    completedAt: completion?.completedAt.toISOString() ?? null,
    resumeLessonId: resume,
    certificate,
  };
}
