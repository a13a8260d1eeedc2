/**
 * Deactivating and reactivating school accounts (a pupil who left the school, a teacher who left). A deactivated
 * account cannot sign in (username or e-mail sign-in answers `deactivated`, the sign-in page says so) and every
 * existing session ends at once (User.sessionVersion bump; server/auth.ts also refuses any session of a
 * deactivated account). Nothing is deleted: class membership, progress, quiz attempts and certificates stay, and
 * reactivating restores sign-in with the same password.
 *
 * Who: a school admin (or platform admin) for any account with a username except their own; a teacher for pupils
 * (LEARNER-only accounts) of a class they teach — the same rule as password resets (pupils.ts).
 */
import type { PrismaClient } from "@smolitux/db";
import { recordAudit } from "@/features/admin/audit.ts";
import { hasRole, invalidateSessions } from "@/server/auth.ts";
import { ApiError } from "@/server/http.ts";
import { isSchoolAccount, isSchoolAdmin, requireTeacher, type SchoolActor } from "./access.ts";

/**
 * Sets whether the school account `userId` may sign in. Idempotent (`changed: false` when it already was).
 * Transactional: the flag, the session bump and the audit row are written together.
 * @throws ApiError not_found (no such account, not a school account — no username, or a pack publisher's —, or not
 *   a pupil of a class the actor teaches),
 *   forbidden (staff account and the actor is not a school admin; a platform admin's account by a school admin;
 *   the actor's own account)
 */
export async function setAccountActive(
  db: PrismaClient,
  actor: SchoolActor,
  userId: string,
  active: boolean,
): Promise<{ userId: string; active: boolean; changed: boolean }> {
  requireTeacher(actor);
  const target = await db.user.findUnique({
    where: { id: userId },
    select: {
      id: true,
      username: true,
      roles: true,
      deactivatedAt: true,
      classes: { select: { class: { select: { teacherId: true } } } },
    },
  });
  const admin = isSchoolAdmin(actor);
  const teaches = target?.classes.some((c) => c.class.teacherId === actor.id) ?? false;
  if (!target || !isSchoolAccount(target) || (!admin && !teaches)) throw new ApiError("not_found", "Pupil not found.");
  if (target.id === actor.id) throw new ApiError("forbidden", "You cannot deactivate your own account.");
  const staff = target.roles.some((r) => r !== "LEARNER");
  if (staff && !admin) throw new ApiError("forbidden", "Only a school admin can deactivate a staff account.");
  if (target.roles.includes("PLATFORM_ADMIN") && !hasRole(actor, "PLATFORM_ADMIN")) {
    throw new ApiError("forbidden", "Only a platform admin can deactivate a platform admin.");
  }
  return db.$transaction(async (tx) => {
    // Conditional update: two concurrent requests change (and audit) it once.
    const updated = await tx.user.updateMany({
      where: { id: target.id, deactivatedAt: active ? { not: null } : null },
      data: { deactivatedAt: active ? null : new Date() },
    });
    if (updated.count === 0) return { userId: target.id, active, changed: false };
    if (!active) await invalidateSessions(tx, target.id);
    await recordAudit(tx, {
      actorId: actor.id,
      action: active ? "school.account_reactivated" : "school.account_deactivated",
      entity: "User",
      entityId: target.id,
    });
    return { userId: target.id, active, changed: true };
  });
}
