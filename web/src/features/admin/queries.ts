/** Read models of the /admin page (explicit selects, newest first, bounded). */
import type { Prisma, PrismaClient } from "@smolitux/db";
import type { Role } from "@/server/auth.ts";
import { ApiError } from "@/server/http.ts";
import { isPlatformAdmin, requireAssigner, type AdminActor } from "./access.ts";

/** One active admin assignment. `createdAt` ISO-8601 UTC. */
export interface AssignmentRow {
  id: string;
  user: { email: string | null; name: string | null };
  course: { slug: string; title: string };
  createdAt: string;
}

/** One audit entry. `createdAt` ISO-8601 UTC; `details` as stored (never secrets). */
export interface AuditRow {
  id: string;
  action: string;
  entity: string;
  entityId: string;
  actor: { email: string | null; name: string | null } | null;
  details: Prisma.JsonValue;
  createdAt: string;
}

/** Published courses an admin can assign (slug + title, by title). */
export async function assignableCourses(db: PrismaClient): Promise<{ slug: string; title: string }[]> {
  return db.course.findMany({
    where: { status: "PUBLISHED" },
    orderBy: { title: "asc" },
    take: 500,
    select: { slug: true, title: true },
  });
}

/**
 * The latest active admin assignments (all of them: see ./access.ts for why school admins see all).
 * @throws ApiError("forbidden") for non-admins
 */
export async function recentAssignments(db: PrismaClient, actor: AdminActor, take = 50): Promise<AssignmentRow[]> {
  requireAssigner(actor);
  const rows = await db.enrollment.findMany({
    where: { source: "ADMIN", status: "ACTIVE" },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take,
    select: {
      id: true,
      createdAt: true,
      user: { select: { email: true, name: true } },
      course: { select: { slug: true, title: true } },
    },
  });
  return rows.map((r) => ({ ...r, createdAt: r.createdAt.toISOString() }));
}

/**
 * The latest audit entries: every entry for a platform admin, the actor's own for a school admin.
 * @throws ApiError("forbidden") for non-admins
 */
export async function recentAuditEntries(db: PrismaClient, actor: AdminActor, take = 50): Promise<AuditRow[]> {
  requireAssigner(actor);
  const rows = await db.auditLog.findMany({
    where: isPlatformAdmin(actor) ? {} : { actorId: actor.id },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take,
    select: {
      id: true,
      action: true,
      entity: true,
      entityId: true,
      details: true,
      createdAt: true,
      actor: { select: { email: true, name: true } },
    },
  });
  return rows.map((r) => ({ ...r, createdAt: r.createdAt.toISOString() }));
}

/**
 * A user by e-mail (case-insensitive) for role management.
 * @throws ApiError forbidden (not a platform admin), not_found
 */
export async function findUserByEmail(
  db: PrismaClient,
  actor: AdminActor,
  email: string,
): Promise<{ id: string; email: string | null; name: string | null; roles: Role[] }> {
  if (!isPlatformAdmin(actor)) throw new ApiError("forbidden", "You are not allowed to do this.");
  const user = await db.user.findFirst({
    where: { email: { equals: email, mode: "insensitive" } },
    select: { id: true, email: true, name: true, roles: true },
  });
  if (!user) throw new ApiError("not_found", "No user with this e-mail address.", { email: "unknown" });
  return user;
}
