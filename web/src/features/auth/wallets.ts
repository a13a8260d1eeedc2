/**
 * Wallet accounts: sign-in by wallet (creates a learner when the address is unknown), linking a wallet
 * to the signed-in user, unlinking (never the last sign-in method), and adding e-mail + password.
 */
import { getAddress, type Address } from "viem";
import type { Prisma, PrismaClient } from "@smolitux/db";
import { ApiError } from "@/server/http.ts";
import type { SessionUser } from "@/server/auth.ts";
import { recordAudit } from "@/features/admin/audit.ts";
import { isUniqueViolation } from "./credentials.ts";
import { hashPassword } from "./password.ts";

const USER_SELECT = { id: true, email: true, name: true, roles: true } as const;

/**
 * Wallet sign-in into an account a teacher or school admin deactivated (User.deactivatedAt). The "siwe" provider
 * turns it into the sign-in error code `account_deactivated`, the same one password sign-in gives.
 */
export class AccountDeactivatedError extends Error {
  constructor() {
    super("account_deactivated");
    this.name = "AccountDeactivatedError";
  }
}

/**
 * Wallet sign-in with an unknown wallet while self sign-up is closed (SIGNUP=closed, the default on an offline
 * school server): no account is created. The "siwe" provider turns it into the sign-in error code `signup_closed`.
 */
export class SignUpClosedError extends Error {
  constructor() {
    super("signup_closed");
    this.name = "SignUpClosedError";
  }
}

/**
 * The user owning `address`, or a new learner account with that wallet (only while self sign-up is open).
 * @param options.createAccount whether an unknown wallet may become a new account (`signUpOpen(env)`); default true
 * @throws AccountDeactivatedError when the wallet belongs to a deactivated account (nothing is written)
 * @throws SignUpClosedError when the wallet is unknown and `createAccount` is false (nothing is written)
 */
export async function signInWithWallet(
  db: PrismaClient,
  address: Address,
  options: { createAccount: boolean } = { createAccount: true },
): Promise<SessionUser> {
  const existing = await db.wallet.findUnique({
    where: { address },
    select: { user: { select: { ...USER_SELECT, deactivatedAt: true } } },
  });
  if (existing) {
    const { deactivatedAt, ...user } = existing.user;
    if (deactivatedAt) throw new AccountDeactivatedError();
    return user;
  }
  if (!options.createAccount) throw new SignUpClosedError();
  try {
    return await db.$transaction(async (tx) => {
      const user = await tx.user.create({
        data: { roles: ["LEARNER"], wallets: { create: { address } } },
        select: USER_SELECT,
      });
      await recordAudit(tx, {
        actorId: user.id,
        action: "user.signed_up",
        entity: "User",
        entityId: user.id,
        details: { method: "siwe", address },
      });
      return user;
    });
  } catch (err) {
    if (!isUniqueViolation(err)) throw err;
    // A concurrent first sign-in with the same wallet created the account (a new account, so never deactivated).
    const raced = await db.wallet.findUniqueOrThrow({ where: { address }, select: { user: { select: USER_SELECT } } });
    return raced.user;
  }
}

/** Options of {@link linkWallet} / {@link unlinkWallet}. */
export interface WalletChangeOptions {
  /**
   * Runs inside the same transaction after the wallet row changed (e.g. recomputing the user's
   * enrollments), so the link/unlink and its consequences commit together or not at all.
   */
  onChange?: (tx: Prisma.TransactionClient) => Promise<unknown>;
}

/** Serializes changes to one user's sign-in methods (row lock on the User row for this transaction). */
async function lockUser(tx: Prisma.TransactionClient, userId: string): Promise<void> {
  const rows = await tx.$queryRaw<{ id: string }[]>`SELECT "id" FROM "User" WHERE "id" = ${userId} FOR UPDATE`;
  if (rows.length === 0) throw new ApiError("not_found", "The account does not exist.");
}

/**
 * Links a verified wallet to `userId` (idempotent for the same user).
 * @returns whether a new link was created
 * @throws ApiError("conflict") → 409 when the wallet belongs to another account
 */
export async function linkWallet(
  db: PrismaClient,
  userId: string,
  address: Address,
  opts: WalletChangeOptions = {},
): Promise<{ created: boolean }> {
  const conflict = () =>
    new ApiError("conflict", "This wallet is already linked to another account.", { address: "taken" });
  try {
    return await db.$transaction(async (tx) => {
      await lockUser(tx, userId);
      const owner = await tx.wallet.findUnique({ where: { address }, select: { userId: true } });
      if (owner) {
        if (owner.userId !== userId) throw conflict();
        return { created: false };
      }
      const wallet = await tx.wallet.create({ data: { address, userId }, select: { id: true } });
      await recordAudit(tx, {
        actorId: userId,
        action: "wallet.linked",
        entity: "Wallet",
        entityId: wallet.id,
        details: { address, userId },
      });
      await opts.onChange?.(tx);
      return { created: true };
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw conflict();
    throw err;
  }
}

/** Number of ways the user can sign in: password + wallets + OAuth accounts. */
async function signInMethods(tx: Prisma.TransactionClient, userId: string): Promise<number> {
  const user = await tx.user.findUniqueOrThrow({
    where: { id: userId },
    select: { passwordHash: true, _count: { select: { wallets: true, accounts: true } } },
  });
  return (user.passwordHash ? 1 : 0) + user._count.wallets + user._count.accounts;
}

/**
 * Unlinks one of the user's wallets.
 * @throws ApiError("not_found") when the wallet is not the user's; ("conflict", fields.address =
 *   "last_sign_in_method") → 409 when it is the only way left to sign in
 */
export async function unlinkWallet(
  db: PrismaClient,
  userId: string,
  address: Address,
  opts: WalletChangeOptions = {},
): Promise<void> {
  await db.$transaction(async (tx) => {
    await lockUser(tx, userId);
    const wallet = await tx.wallet.findFirst({ where: { address, userId }, select: { id: true } });
    if (!wallet) throw new ApiError("not_found", "This wallet is not linked to your account.");
    if ((await signInMethods(tx, userId)) <= 1) {
      throw new ApiError("conflict", "You cannot remove your only way to sign in.", {
        address: "last_sign_in_method",
      });
    }
    await tx.wallet.delete({ where: { id: wallet.id } });
    await recordAudit(tx, {
      actorId: userId,
      action: "wallet.unlinked",
      entity: "Wallet",
      entityId: wallet.id,
      details: { address, userId },
    });
    await opts.onChange?.(tx);
  });
}

/**
 * Adds e-mail + password sign-in to an account that has none (e.g. a wallet account).
 * @throws ApiError("conflict") → 409 when the account already has a password (fields.password =
 *   "already_set"), the e-mail belongs to another account ("taken") or differs from the account's ("mismatch")
 */
export async function addPassword(
  db: PrismaClient,
  userId: string,
  input: { email: string; password: string },
): Promise<void> {
  const passwordHash = await hashPassword(input.password);
  const taken = () => new ApiError("conflict", "This e-mail address is already registered.", { email: "taken" });
  try {
    await db.$transaction(async (tx) => {
      await lockUser(tx, userId);
      const user = await tx.user.findUniqueOrThrow({
        where: { id: userId },
        select: { email: true, passwordHash: true },
      });
      if (user.passwordHash) {
        throw new ApiError("conflict", "Your account already has a password.", { password: "already_set" });
      }
      if (user.email && user.email !== input.email) {
        throw new ApiError("conflict", "Use the e-mail address of your account.", { email: "mismatch" });
      }
      const other = await tx.user.findUnique({ where: { email: input.email }, select: { id: true } });
      if (other && other.id !== userId) throw taken();
      await tx.user.update({ where: { id: userId }, data: { email: input.email, passwordHash } });
      await recordAudit(tx, { actorId: userId, action: "auth.password_added", entity: "User", entityId: userId });
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw taken();
    throw err;
  }
}

/** The wallets linked to `userId` (checksummed, oldest first) — e.g. for the buy box's "is this wallet yours" check. */
export async function linkedWallets(db: PrismaClient, userId: string): Promise<Address[]> {
  const rows = await db.wallet.findMany({
    where: { userId },
    orderBy: { createdAt: "asc" },
    select: { address: true },
  });
  return rows.map((r) => getAddress(r.address));
}
