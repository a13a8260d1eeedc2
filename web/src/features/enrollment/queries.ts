/** Read models and the free-enrollment use case behind /api/enrollments and /api/courses/<slug>/enroll-free. */
import type { EnrollmentSource, EnrollmentStatus } from "@smolitux/db";
import { ApiError } from "@/server/http.ts";
import { inTransaction, type Db } from "./db.ts";
import { grantEnrollment, type EnrollmentState } from "./service.ts";

/** One row of `GET /api/enrollments/me`. Dates ISO-8601 UTC. */
export interface MyEnrollment {
  course: { id: string; slug: string; title: string };
  status: EnrollmentStatus;
  source: EnrollmentSource;
  enrolledAt: string;
  revokedAt: string | null;
}

/** The user's enrollments, newest first (ACTIVE and REVOKED). */
export async function listMyEnrollments(db: Db, userId: string): Promise<MyEnrollment[]> {
  const rows = await db.enrollment.findMany({
    where: { userId },
    orderBy: { createdAt: "desc" },
    select: {
      status: true,
      source: true,
      createdAt: true,
      revokedAt: true,
      course: { select: { id: true, slug: true, title: true } },
    },
  });
  return rows.map((r) => ({
    course: r.course,
    status: r.status,
    source: r.source,
    enrolledAt: r.createdAt.toISOString(),
    revokedAt: r.revokedAt?.toISOString() ?? null,
  }));
}

/** Answer of `GET /api/enrollments/status?course=<slug>` ("is it unlocked yet?" polling). */
export interface EnrollmentStatusView {
  course: { id: string; slug: string };
  /** true while the enrollment is ACTIVE */
  enrolled: boolean;
  status: EnrollmentStatus | null;
  source: EnrollmentSource | null;
}

/**
 * The user's enrollment status in the course `slug`.
 * @throws ApiError("not_found") when no course has that slug
 */
export async function enrollmentStatusBySlug(db: Db, userId: string, slug: string): Promise<EnrollmentStatusView> {
  const course = await db.course.findUnique({
    where: { slug },
    select: {
      id: true,
      slug: true,
      status: true,
      providerId: true,
      enrollments: { where: { userId }, select: { status: true, source: true } },
    },
  });
  // A draft does not exist for anyone but its provider (no probing of unpublished slugs).
  if (!course || (course.status === "DRAFT" && course.providerId !== userId)) {
    throw new ApiError("not_found", "No course with this address.");
  }
  const e = course.enrollments[0];
  return {
    course: { id: course.id, slug: course.slug },
    enrolled: e?.status === "ACTIVE",
    status: e?.status ?? null,
    source: e?.source ?? null,
  };
}

/**
 * Enrolls the user in a published free course (source FREE). Idempotent.
 * @returns the enrollment and whether it was newly activated
 * @throws ApiError("not_found") unknown or unpublished course; ApiError("unprocessable") paid course
 */
export async function enrollFree(
  db: Db,
  userId: string,
  slug: string,
): Promise<{ enrollment: EnrollmentState; created: boolean; courseId: string }> {
  const course = await db.course.findUnique({ where: { slug }, select: { id: true, status: true, isFree: true } });
  if (!course || course.status !== "PUBLISHED") throw new ApiError("not_found", "No course with this address.");
  if (!course.isFree) throw new ApiError("unprocessable", "This course is not free; buy it or redeem an access code.");
  return inTransaction(db, async (tx) => {
    const before = await tx.enrollment.findUnique({
      where: { userId_courseId: { userId, courseId: course.id } },
      select: { status: true, source: true, sourceRef: true },
    });
    if (before?.status === "ACTIVE") return { enrollment: before, created: false, courseId: course.id };
    const enrollment = await grantEnrollment(tx, { userId, courseId: course.id, source: "FREE" });
    return { enrollment, created: true, courseId: course.id };
  });
}
