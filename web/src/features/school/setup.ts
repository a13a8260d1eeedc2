/**
 * First start of a school instance: while no SCHOOL_ADMIN or PLATFORM_ADMIN exists and the instance runs in
 * offline mode, `/setup` creates the first school admin (username sign-in; roles LEARNER, TEACHER,
 * SCHOOL_ADMIN) and names the school. Hosted deployments (OFFLINE_MODE=false) never offer it. Two concurrent
 * set-ups are serialized by a transaction-scoped advisory lock: exactly one wins, the other gets 409.
 */
import type { PrismaClient } from "@smolitux/db";
import { recordAudit } from "@/features/admin/audit.ts";
import { hashPassword } from "@/features/auth/password.ts";
import { ApiError } from "@/server/http.ts";
import type { SetupInput } from "./schemas.ts";

/** Whether the instance still needs its first admin. */
export async function needsSetup(db: PrismaClient): Promise<boolean> {
  const admin = await db.user.findFirst({
    where: { roles: { hasSome: ["SCHOOL_ADMIN", "PLATFORM_ADMIN"] } },
    select: { id: true },
  });
  return admin === null;
}

/**
 * Creates the first school admin and the school's settings row.
 * @throws ApiError forbidden (not offline mode), conflict (an admin exists already, or the username is taken)
 */
export async function setupSchool(
  db: PrismaClient,
  input: SetupInput,
  opts: { offline: boolean },
): Promise<{ id: string; username: string }> {
  if (!opts.offline) throw new ApiError("forbidden", "Set-up is only available on an offline school instance.");
  const passwordHash = await hashPassword(input.password);
  return db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended('school-setup', 0))`;
    const admin = await tx.user.findFirst({
      where: { roles: { hasSome: ["SCHOOL_ADMIN", "PLATFORM_ADMIN"] } },
      select: { id: true },
    });
    if (admin) throw new ApiError("conflict", "This school is already set up; sign in instead.");
    if (await tx.user.findUnique({ where: { username: input.username }, select: { id: true } })) {
      throw new ApiError("conflict", "This username is taken.", { username: "taken" });
    }
    const user = await tx.user.create({
      data: {
        name: input.name,
        username: input.username,
        passwordHash,
        roles: ["LEARNER", "TEACHER", "SCHOOL_ADMIN"],
      },
      select: { id: true },
    });
    await tx.schoolSettings.upsert({
      where: { id: "school" },
      create: { id: "school", name: input.schoolName },
      update: { name: input.schoolName },
    });
    await recordAudit(tx, { actorId: user.id, action: "school.setup", entity: "User", entityId: user.id });
    return { id: user.id, username: input.username };
  });
}
