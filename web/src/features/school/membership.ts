/**
 * A pupil's class membership after creation: removing a pupil from a class and moving a pupil to another class.
 * Both run in one transaction, are idempotent and audited. Progress, quiz attempts and certificates are never
 * touched; only the class's course assignments (ADMIN enrollments with sourceRef `class:<id>`) follow the
 * membership — a course the pupil still gets from another class, a purchase or a code stays open.
 */
import type { Prisma, PrismaClient } from "@smolitux/db";
import { recordAudit } from "@/features/admin/audit.ts";
import { grantEnrollment, revokeAssignment } from "@/features/enrollment/service.ts";
import { ApiError } from "@/server/http.ts";
import { requireManagedClass, type SchoolActor } from "./access.ts";
import { classRef, enrollInClassCourses } from "./classes.ts";

type Tx = Prisma.TransactionClient;
const TX_OPTIONS = { timeout: 60_000, maxWait: 10_000 };

/**
 * Re-derives the pupil's course access after leaving `classId` (inside the caller's transaction, membership
 * already deleted): each assignment made by that class moves to another class of the pupil with the same course,
 * or is revoked (access from a purchase or code survives, enrollment/service `revokeAssignment`).
 * @returns ids of the courses whose class assignment was revoked
 */
async function dropClassAssignments(tx: Tx, classId: string, userId: string): Promise<string[]> {
  const rows = await tx.enrollment.findMany({
    where: { userId, source: "ADMIN", sourceRef: classRef(classId), status: "ACTIVE" },
    select: { courseId: true },
  });
  const revoked: string[] = [];
  for (const { courseId } of rows) {
    const other = await tx.classCourse.findFirst({
      where: { courseId, class: { members: { some: { userId } } } },
      select: { classId: true },
    });
    if (other) {
      await grantEnrollment(tx, { userId, courseId, source: "ADMIN", sourceRef: classRef(other.classId) });
    } else {
      await revokeAssignment(tx, userId, courseId);
      revoked.push(courseId);
    }
  }
  return revoked;
}

/**
 * Removes pupil `userId` from class `classId`. The account, its progress and certificates stay; the class's
 * course assignments end (unless another class of the pupil has the course). Idempotent: an existing account that
 * is not (or no longer) in the class gives `changed: false`.
 * @throws ApiError not_found (class unknown or not managed by the actor; no account with this id)
 */
export async function removePupilFromClass(
  db: PrismaClient,
  actor: SchoolActor,
  classId: string,
  userId: string,
): Promise<{ changed: boolean }> {
  const klass = await requireManagedClass(db, actor, classId);
  return db.$transaction(async (tx) => {
    const gone = await tx.classMember.deleteMany({ where: { classId: klass.id, userId } });
    if (gone.count === 0) {
      if (!(await tx.user.findUnique({ where: { id: userId }, select: { id: true } }))) {
        throw new ApiError("not_found", "Pupil not found.");
      }
      return { changed: false };
    }
    const revoked = await dropClassAssignments(tx, klass.id, userId);
    await recordAudit(tx, {
      actorId: actor.id,
      action: "school.pupil_removed",
      entity: "SchoolClass",
      entityId: klass.id,
      details: { userId, revokedCourseIds: revoked },
    });
    return { changed: true };
  }, TX_OPTIONS);
}

/**
 * Moves pupil `userId` from class `fromClassId` to `toClassId` (both managed by the actor): enrolled in the new
 * class's courses, the old class's assignments end (courses both classes share stay open without a gap).
 * Idempotent: a pupil already in the target class and no longer in the source gives `changed: false`.
 * @throws ApiError not_found (either class unknown / not managed, or the pupil is in neither class),
 *   validation_failed (`fields.toClassId = "same_class"`)
 */
export async function movePupil(
  db: PrismaClient,
  actor: SchoolActor,
  fromClassId: string,
  userId: string,
  toClassId: string,
): Promise<{ changed: boolean }> {
  const from = await requireManagedClass(db, actor, fromClassId);
  if (toClassId === from.id) {
    throw new ApiError("validation_failed", "The pupil is already in this class.", { toClassId: "same_class" });
  }
  const to = await requireManagedClass(db, actor, toClassId);
  return db.$transaction(async (tx) => {
    const gone = await tx.classMember.deleteMany({ where: { classId: from.id, userId } });
    if (gone.count === 0) {
      const already = await tx.classMember.findUnique({
        where: { classId_userId: { classId: to.id, userId } },
        select: { userId: true },
      });
      if (already) return { changed: false };
      throw new ApiError("not_found", "This pupil is not in the class.");
    }
    await tx.classMember.createMany({ data: [{ classId: to.id, userId }], skipDuplicates: true });
    await enrollInClassCourses(tx, to.id, [userId], actor.id);
    const revoked = await dropClassAssignments(tx, from.id, userId);
    await recordAudit(tx, {
      actorId: actor.id,
      action: "school.pupil_moved",
      entity: "User",
      entityId: userId,
      details: { fromClassId: from.id, toClassId: to.id, revokedCourseIds: revoked },
    });
    return { changed: true };
  }, TX_OPTIONS);
}
