/** Account profile, becoming a provider, payout address, and platform-admin role changes. */
import type { PrismaClient } from "@smolitux/db";
import type { Address } from "viem";
import { ApiError } from "@/server/http.ts";
import { invalidateSessions } from "@/server/auth.ts";
import { ROLES, type Role } from "@/server/auth/roles.ts";
import { recordAudit } from "@/features/admin/audit.ts";
import type { RoleChange } from "./schemas.ts";

/** What /account shows. */
export interface AccountOverview {
  id: string;
  email: string | null;
  /** when the address was confirmed through the mailed link (null = not yet) */
  emailVerified: Date | null;
  name: string | null;
  roles: Role[];
  payoutAddress: string | null;
  /** profile picture / provider logo URL (`User.image`), null without one */
  image: string | null;
  hasPassword: boolean;
  wallets: { address: string; createdAt: Date }[];
  /** linked OAuth providers, e.g. ["google"] */
  oauthProviders: string[];
}

/** The account of `userId`, or null when it does not exist. */
export async function getAccountOverview(db: PrismaClient, userId: string): Promise<AccountOverview | null> {
  const user = await db.user.findUnique({
    where: { id: userId },
    select: {
      id: true,
      email: true,
      emailVerified: true,
      name: true,
      roles: true,
      payoutAddress: true,
      image: true,
      passwordHash: true,
      wallets: { select: { address: true, createdAt: true }, orderBy: { createdAt: "asc" } },
      accounts: { select: { provider: true } },
    },
  });
  if (!user) return null;
  const { passwordHash, accounts, ...rest } = user;
  return { ...rest, hasPassword: passwordHash !== null, oauthProviders: accounts.map((a) => a.provider) };
}

/** Changes the display name. */
export async function updateProfile(db: PrismaClient, userId: string, input: { name: string }): Promise<void> {
  await db.user.update({ where: { id: userId }, data: { name: input.name }, select: { id: true } });
}

/** Roles in canonical order without duplicates. */
function normalizeRoles(roles: Iterable<Role>): Role[] {
  const set = new Set(roles);
  return ROLES.filter((r) => set.has(r));
}

/**
 * Makes the user a course provider (adds PROVIDER; idempotent) and sets the payout address (checksummed).
 * Audited as `user.roles_changed` (when the role is new) and `user.payout_address_changed`.
 */
export async function becomeProvider(db: PrismaClient, userId: string, payoutAddress: Address): Promise<Role[]> {
  return db.$transaction(async (tx) => {
    const user = await tx.user.findUniqueOrThrow({
      where: { id: userId },
      select: { roles: true, payoutAddress: true },
    });
    const roles = normalizeRoles([...user.roles, "PROVIDER"]);
    await tx.user.update({ where: { id: userId }, data: { roles: { set: roles }, payoutAddress } });
    if (!user.roles.includes("PROVIDER")) {
      await recordAudit(tx, {
        actorId: userId,
        action: "user.roles_changed",
        entity: "User",
        entityId: userId,
        details: { add: ["PROVIDER"], remove: [], via: "become_provider" },
      });
    }
    if (user.payoutAddress !== payoutAddress) {
      await recordAudit(tx, {
        actorId: userId,
        action: "user.payout_address_changed",
        entity: "User",
        entityId: userId,
        details: { from: user.payoutAddress, to: payoutAddress },
      });
    }
    return roles;
  });
}

/**
 * Sets or clears a provider's payout address (checksummed).
 * @throws ApiError("forbidden") when the user is not a provider
 */
export async function setPayoutAddress(db: PrismaClient, userId: string, payoutAddress: Address | null): Promise<void> {
  await db.$transaction(async (tx) => {
    const user = await tx.user.findUniqueOrThrow({
      where: { id: userId },
      select: { roles: true, payoutAddress: true },
    });
    if (!user.roles.includes("PROVIDER")) throw new ApiError("forbidden", "Only providers have a payout address.");
    if (user.payoutAddress === payoutAddress) return;
    await tx.user.update({ where: { id: userId }, data: { payoutAddress } });
    await recordAudit(tx, {
      actorId: userId,
      action: "user.payout_address_changed",
      entity: "User",
      entityId: userId,
      details: { from: user.payoutAddress, to: payoutAddress },
    });
  });
}

/**
 * A platform admin grants and revokes roles of `targetId` (the caller checks PLATFORM_ADMIN); every existing
 * session of the target ends (session version bumped).
 * @returns the target's new roles
 * @throws ApiError("not_found") for an unknown user; ("conflict") when admins would remove their own
 *   PLATFORM_ADMIN role (prevents locking the platform out)
 */
export async function changeRoles(
  db: PrismaClient,
  actorId: string,
  targetId: string,
  change: RoleChange,
): Promise<Role[]> {
  if (actorId === targetId && change.remove.includes("PLATFORM_ADMIN")) {
    throw new ApiError("conflict", "You cannot remove your own admin role.", { remove: "self_demotion" });
  }
  return db.$transaction(async (tx) => {
    const user = await tx.user.findUnique({ where: { id: targetId }, select: { roles: true } });
    if (!user) throw new ApiError("not_found", "The user does not exist.");
    const roles = normalizeRoles([...user.roles.filter((r) => !change.remove.includes(r)), ...change.add, "LEARNER"]);
    await tx.user.update({ where: { id: targetId }, data: { roles: { set: roles } } });
    // The target's existing sessions end: they sign in again under the new roles.
    await invalidateSessions(tx, targetId);
    await recordAudit(tx, {
      actorId,
      action: "user.roles_changed",
      entity: "User",
      entityId: targetId,
      details: { add: change.add, remove: change.remove, before: user.roles, after: roles },
    });
    return roles;
  });
}
