/**
 * Who may use the admin area. For now a SCHOOL_ADMIN has the same assignment rights as a PLATFORM_ADMIN:
 * there is no school/organisation model yet, so a school admin may assign ANY user (found by e-mail) to
 * ANY published course and remove any admin assignment. Role management and the full audit log stay with
 * platform admins; a school admin sees only the audit entries of their own actions.
 */
import { hasRole, type SessionUser } from "@/server/auth.ts";
import { ApiError } from "@/server/http.ts";

/** The acting user (id + current roles from the database). */
export type AdminActor = Pick<SessionUser, "id" | "roles">;

/** Whether `actor` may assign learners (SCHOOL_ADMIN or PLATFORM_ADMIN). */
export function canAssign(actor: AdminActor | null): boolean {
  return hasRole(actor, "SCHOOL_ADMIN", "PLATFORM_ADMIN");
}

/** Whether `actor` sees every audit entry and manages roles (PLATFORM_ADMIN). */
export function isPlatformAdmin(actor: AdminActor | null): boolean {
  return hasRole(actor, "PLATFORM_ADMIN");
}

/**
 * Asserts {@link canAssign}.
 * @throws ApiError("forbidden") otherwise
 */
export function requireAssigner(actor: AdminActor): AdminActor {
  if (!canAssign(actor)) throw new ApiError("forbidden", "You are not allowed to do this.");
  return actor;
}
