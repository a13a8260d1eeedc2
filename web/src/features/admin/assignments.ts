/**
 * Admin assignments: a school or platform admin enrolls a learner in a course (enrollment source ADMIN,
 * "sticky" until removed — see features/enrollment/service.ts) or removes such an assignment. Every
 * change is audit-logged in the same transaction (`enrollment.assigned` / `enrollment.unassigned`).
 * Rules of who may do it: ./access.ts.
 */
import type { EnrollmentSource, EnrollmentStatus, PrismaClient } from "@smolitux/db";
import { grantEnrollment, revokeAssignment } from "@/features/enrollment/service.ts";
import { ApiError } from "@/server/http.ts";
import { recordAudit } from "./audit.ts";
import { requireAssigner, type AdminActor } from "./access.ts";
import type { AssignmentInput } from "./schemas.ts";

/** An enrollment as the admin API returns it. */
export interface AssignmentView {
  id: string;
  userId: string;
  courseId: string;
  status: EnrollmentStatus;
  source: EnrollmentSource;
}

/** Result of an assignment change; `changed` is false for a no-op (already assigned / already removed). */
export interface AssignmentResult {
  enrollment: AssignmentView;
  changed: boolean;
}

const VIEW = { id: true, userId: true, courseId: true, status: true, source: true } as const;

/**
 * Assigns the user with `input.userEmail` to the published course `input.courseSlug` (grantEnrollment,
 * source ADMIN, sourceRef = the admin's user id). Idempotent: an active admin assignment is left as is.
 * An active purchase/code enrollment becomes an admin assignment; removing it later restores the purchase.
 * @throws ApiError forbidden (not an admin), not_found (no published course with this slug, or no user
 *   with this e-mail; `fields` names which)
 */
export async function assignLearner(
  db: PrismaClient,
  actor: AdminActor,
  input: AssignmentInput,
): Promise<AssignmentResult> {
  requireAssigner(actor);
  const course = await db.course.findUnique({
    where: { slug: input.courseSlug },
    select: { id: true, slug: true, status: true },
  });
  if (!course || course.status !== "PUBLISHED") {
    throw new ApiError("not_found", "No published course with this address.", { courseSlug: "unknown" });
  }
  const user = await db.user.findFirst({
    where: { email: { equals: input.userEmail, mode: "insensitive" } },
    select: { id: true },
  });
  if (!user) throw new ApiError("not_found", "No user with this e-mail address.", { userEmail: "unknown" });

  return db.$transaction(
    async (tx) => {
      const key = { userId_courseId: { userId: user.id, courseId: course.id } };
      const before = await tx.enrollment.findUnique({ where: key, select: VIEW });
      if (before?.status === "ACTIVE" && before.source === "ADMIN") return { enrollment: before, changed: false };
      await grantEnrollment(tx, { userId: user.id, courseId: course.id, source: "ADMIN", sourceRef: actor.id });
      const enrollment = await tx.enrollment.findUniqueOrThrow({ where: key, select: VIEW });
      await recordAudit(tx, {
        actorId: actor.id,
        action: "enrollment.assigned",
        entity: "Enrollment",
        entityId: enrollment.id,
        details: {
          userId: user.id,
          courseId: course.id,
          courseSlug: course.slug,
          before: before ? { status: before.status, source: before.source } : null,
        },
      });
      return { enrollment, changed: true };
    },
    { timeout: 30_000, maxWait: 10_000 },
  );
}

/**
 * Removes the admin assignment `enrollmentId` (revokeAssignment): the enrollment is re-derived, so access
 * remains when a purchase or access code still grants it, otherwise it is REVOKED. Idempotent for an
 * assignment that was already removed.
 * @throws ApiError forbidden (not an admin), not_found (unknown id), conflict (the enrollment does not come
 *   from an admin assignment — purchases, codes and free enrollments are not removed here)
 */
export async function removeAssignment(
  db: PrismaClient,
  actor: AdminActor,
  enrollmentId: string,
): Promise<AssignmentResult> {
  requireAssigner(actor);
  const row = await db.enrollment.findUnique({ where: { id: enrollmentId }, select: VIEW });
  if (!row) throw new ApiError("not_found", "Enrollment not found.");
  if (row.source !== "ADMIN") {
    throw new ApiError("conflict", "This enrollment is not an admin assignment.", { source: row.source });
  }
  if (row.status !== "ACTIVE") return { enrollment: row, changed: false };
  return db.$transaction(
    async (tx) => {
      const state = await revokeAssignment(tx, row.userId, row.courseId);
      const enrollment = await tx.enrollment.findUniqueOrThrow({ where: { id: row.id }, select: VIEW });
      await recordAudit(tx, {
        actorId: actor.id,
        action: "enrollment.unassigned",
        entity: "Enrollment",
        entityId: row.id,
        details: {
          userId: row.userId,
          courseId: row.courseId,
          after: state ? { status: state.status, source: state.source } : null,
        },
      });
      return { enrollment, changed: true };
    },
    { timeout: 30_000, maxWait: 10_000 },
  );
}
