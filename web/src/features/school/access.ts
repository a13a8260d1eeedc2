/**
 * Who may do what in the school feature (checked server-side against the roles re-read from the database):
 * - TEACHER, SCHOOL_ADMIN and PLATFORM_ADMIN may create classes;
 * - a class is managed by its teacher, and by every SCHOOL_ADMIN / PLATFORM_ADMIN;
 * - a pupil's password may be reset by anyone who manages a class the pupil belongs to; accounts holding a
 *   staff role (TEACHER, PROVIDER, SCHOOL_ADMIN, PLATFORM_ADMIN) only by a SCHOOL_ADMIN / PLATFORM_ADMIN;
 * - teacher accounts are created by SCHOOL_ADMIN / PLATFORM_ADMIN.
 */
import type { PrismaClient } from "@smolitux/db";
import { hasRole, type SessionUser } from "@/server/auth.ts";
import { ApiError } from "@/server/http.ts";

export type SchoolActor = Pick<SessionUser, "id" | "roles">;

/** Whether `actor` may use the school area (teachers and admins). */
export function canTeach(actor: SchoolActor | null): boolean {
  return hasRole(actor, "TEACHER", "SCHOOL_ADMIN", "PLATFORM_ADMIN");
}

/** Whether `actor` administers the school (teachers, branding, packs). */
export function isSchoolAdmin(actor: SchoolActor | null): boolean {
  return hasRole(actor, "SCHOOL_ADMIN", "PLATFORM_ADMIN");
}

/**
 * Whether an account is a person the school created: a username and the LEARNER role (pupils; teachers and admins
 * hold it too). A course pack's publisher account (username `pack-<hash>`, PROVIDER only, no password —
 * features/packs/import.ts) stands for the publishing instance, not a person: it is never given a password,
 * deactivated or listed by the school.
 */
export function isSchoolAccount(account: { username: string | null; roles: readonly string[] }): boolean {
  return account.username !== null && account.roles.includes("LEARNER");
}

/** @throws ApiError("forbidden") unless {@link canTeach} */
export function requireTeacher(actor: SchoolActor): SchoolActor {
  if (!canTeach(actor)) throw new ApiError("forbidden", "Only teachers and school admins can do this.");
  return actor;
}

/** @throws ApiError("forbidden") unless {@link isSchoolAdmin} */
export function requireSchoolAdmin(actor: SchoolActor): SchoolActor {
  if (!isSchoolAdmin(actor)) throw new ApiError("forbidden", "Only school admins can do this.");
  return actor;
}

/**
 * The class `classId` if `actor` manages it.
 * @throws ApiError not_found (unknown class, or one the actor may not see — no existence leak)
 */
export async function requireManagedClass(
  db: PrismaClient,
  actor: SchoolActor,
  classId: string,
): Promise<{ id: string; name: string; teacherId: string }> {
  requireTeacher(actor);
  const row = await db.schoolClass.findUnique({
    where: { id: classId },
    select: { id: true, name: true, teacherId: true },
  });
  if (!row || (row.teacherId !== actor.id && !isSchoolAdmin(actor))) {
    throw new ApiError("not_found", "Class not found.");
  }
  return row;
}
