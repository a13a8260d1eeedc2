/**
 * Sign-in throttling per (email, client IP), stored in the database so that every web replica sees the
 * same counts: each failed password sign-in writes an `auth.signin_failed` audit row keyed by
 * sha256(email ⏎ ip) (no plain e-mail or IP stored); a success writes `auth.signin_succeeded` and resets
 * the count. After {@link SIGN_IN_LIMIT}.maxFailures failures within the window, attempts are refused
 * without checking the password until the oldest failure leaves the window.
 */
import { createHash } from "node:crypto";
import { recordAudit, type DbClient } from "@/features/admin/audit.ts";

export const SIGN_IN_LIMIT = { maxFailures: 5, windowSeconds: 15 * 60 } as const;

const ENTITY = "SignIn";

/** Opaque key of an (email, ip) pair: hex sha256, so the audit log holds no personal data. */
export function signInKey(email: string, ip: string): string {
  return createHash("sha256").update(`${email.toLowerCase()}\n${ip}`).digest("hex");
}

/** Whether the pair behind `key` has used up its failed attempts at time `now`. */
export async function isSignInThrottled(db: DbClient, key: string, now: Date): Promise<boolean> {
  const since = new Date(now.getTime() - SIGN_IN_LIMIT.windowSeconds * 1000);
  const recent = await db.auditLog.findMany({
    where: { entity: ENTITY, entityId: key, createdAt: { gte: since } },
    orderBy: { createdAt: "desc" },
    take: SIGN_IN_LIMIT.maxFailures,
    select: { action: true },
  });
  const failuresSinceSuccess = recent.findIndex((r) => r.action !== "auth.signin_failed");
  const failures = failuresSinceSuccess === -1 ? recent.length : failuresSinceSuccess;
  return failures >= SIGN_IN_LIMIT.maxFailures;
}

/** Records the outcome of one password sign-in attempt for throttling and the audit trail. */
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

/** Client IP from proxy headers (first `x-forwarded-for` hop, then `x-real-ip`), or "unknown". */
export function clientIp(headers: Headers | Record<string, string | string[] | undefined>): string {
  const get = (name: string): string | undefined => {
    if (headers instanceof Headers) return headers.get(name) ?? undefined;
    const v = headers[name];
    return Array.isArray(v) ? v[0] : v;
  };
  const forwarded = get("x-forwarded-for")?.split(",")[0]?.trim();
  return forwarded || get("x-real-ip")?.trim() || "unknown";
}
