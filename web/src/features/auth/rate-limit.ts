/**
 * Password sign-in throttling and lockout, on the PostgreSQL-backed limits of `server/rate-limit.ts` (shared by
 * every web replica):
 * - per account (the e-mail): after `signInFailuresPerAccount.max` failures within the window the account is
 *   locked — attempts are refused without checking the password — until the window ends; a successful
 *   sign-in resets the account's count;
 * - per client address (`TRUST_PROXY` rules, see server/security/client-ip.ts): `signInFailuresPerAddress`
 *   failures, so one address cannot walk through many accounts.
 * Every attempt also writes an `auth.signin_failed` / `auth.signin_succeeded` audit row keyed by
 * sha256(e-mail ⏎ address) (no plain e-mail or address stored).
 */
import { createHash } from "node:crypto";
import type { PrismaClient } from "@smolitux/db";
import { recordAudit, type DbClient } from "@/features/admin/audit.ts";
import { hitRateLimit, peekRateLimit, RATE_LIMITS, resetRateLimit } from "@/server/rate-limit.ts";

export const SIGN_IN_LIMIT = {
  perAccount: RATE_LIMITS.signInFailuresPerAccount,
  perAddress: RATE_LIMITS.signInFailuresPerAddress,
} as const;

const ENTITY = "SignIn";

/** Opaque audit key of an (email, address) pair: hex sha256, so the audit log holds no personal data. */
export function signInKey(email: string, ip: string): string {
  return createHash("sha256").update(`${email.toLowerCase()}\n${ip}`).digest("hex");
}

/**
 * Seconds until `email` / `ip` may try again, or 0 when neither limit is used up (counts nothing).
 */
export async function signInRetryAfter(db: PrismaClient, email: string, ip: string, now: Date): Promise<number> {
  const [account, address] = await Promise.all([
    peekRateLimit(db, "signInFailuresPerAccount", email.toLowerCase(), now),
    peekRateLimit(db, "signInFailuresPerAddress", ip, now),
  ]);
  return Math.max(account.allowed ? 0 : account.retryAfterSeconds, address.allowed ? 0 : address.retryAfterSeconds);
}

/** Counts a failed attempt against the account and the address, and audits it. */
export async function recordSignInFailure(db: PrismaClient, email: string, ip: string, now: Date): Promise<void> {
  await hitRateLimit(db, "signInFailuresPerAccount", email.toLowerCase(), now);
  await hitRateLimit(db, "signInFailuresPerAddress", ip, now);
  await recordSignInAttempt(db, signInKey(email, ip), { ok: false });
}

/** Resets the account's failure count after a successful sign-in, and audits it. */
export async function recordSignInSuccess(db: PrismaClient, email: string, ip: string, userId: string): Promise<void> {
  await resetRateLimit(db, "signInFailuresPerAccount", email.toLowerCase());
  await recordSignInAttempt(db, signInKey(email, ip), { ok: true, userId });
}

/** Records the outcome of one password sign-in attempt in the audit trail. */
export async function recordSignInAttempt(
  db: DbClient,
  key: string,
  outcome: { ok: true; userId: string } | { ok: false },
): Promise<void> {
  await recordAudit(db, {
    actorId: outcome.ok ? outcome.userId : null,
    action: outcome.ok ? "auth.signin_succeeded" : "auth.signin_failed",
    entity: ENTITY,
    entityId: key,
  });
}
