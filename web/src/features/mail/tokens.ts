/**
 * Single-use, expiring account tokens for mailed links (e-mail verification, password reset): 32 random bytes
 * (base64url) in the link, only their SHA-256 in AccountToken. A token is consumed with one conditional
 * UPDATE (unused, not expired, of the right kind), so two concurrent uses cannot both succeed.
 */
import { createHash, randomBytes } from "node:crypto";
import type { AccountTokenKind, Prisma } from "@smolitux/db";

type Tx = Pick<Prisma.TransactionClient, "accountToken">;

const hashToken = (token: string) => createHash("sha256").update(token).digest("hex");

/**
 * Creates a token for `userId` valid for `ttlMs` milliseconds.
 * @param email the address the link is mailed to (checked again when a verification is consumed)
 * @returns the raw token (for the link) and the row id (for the mail's idempotency key)
 */
export async function issueAccountToken(
  tx: Tx,
  input: { userId: string; kind: AccountTokenKind; email: string; ttlMs: number; now?: Date },
): Promise<{ token: string; id: string }> {
  const token = randomBytes(32).toString("base64url");
  const now = input.now ?? new Date();
  const row = await tx.accountToken.create({
    data: {
      userId: input.userId,
      kind: input.kind,
      email: input.email,
      tokenHash: hashToken(token),
      expiresAt: new Date(now.getTime() + input.ttlMs),
    },
    select: { id: true },
  });
  return { token, id: row.id };
}

/** Whether a string can be a token at all (shape check before any query). */
export function isTokenShape(token: string): boolean {
  return /^[A-Za-z0-9_-]{43}$/.test(token);
}

/**
 * Consumes a token: marks it used if it is of `kind`, unused and not expired.
 * @returns the token's user and address, or null (unknown, used, expired or of another kind)
 */
export async function consumeAccountToken(
  tx: Tx,
  kind: AccountTokenKind,
  token: string,
  now: Date = new Date(),
): Promise<{ userId: string; email: string } | null> {
  if (!isTokenShape(token)) return null;
  const tokenHash = hashToken(token);
  const { count } = await tx.accountToken.updateMany({
    where: { tokenHash, kind, usedAt: null, expiresAt: { gt: now } },
    data: { usedAt: now },
  });
  if (count !== 1) return null;
  const row = await tx.accountToken.findUniqueOrThrow({ where: { tokenHash }, select: { userId: true, email: true } });
  return row;
}

/** Marks every unused token of `kind` of the user as used (a newer link replaces older ones). */
export async function revokeAccountTokens(tx: Tx, userId: string, kind: AccountTokenKind, now = new Date()) {
  await tx.accountToken.updateMany({ where: { userId, kind, usedAt: null }, data: { usedAt: now } });
}
