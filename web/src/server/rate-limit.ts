/**
 * Abuse limits backed by PostgreSQL, so they hold across every web replica: one fixed-window counter row per
 * (limit, subject) in `RateLimitCounter`, advanced by a single atomic `INSERT … ON CONFLICT DO UPDATE` (no
 * read-modify-write race between replicas). Subjects (e-mail, client address, user id) are stored only as
 * sha256 hashes. A refused hit answers 429 with `Retry-After` = seconds until the window ends.
 *
 * The limits (all in one table, also printed by `security:report` and documented in the README):
 */
import { createHash } from "node:crypto";
import type { PrismaClient } from "@smolitux/db";
import { ApiError } from "./http-error.ts";
import { DIRECT_CLIENT } from "./security/client-ip.ts";

/** One limit: at most `max` counted events per `windowSeconds` per subject. */
export interface RateLimitRule {
  max: number;
  windowSeconds: number;
  /** what is counted (documentation and report) */
  counts: string;
}

export const RATE_LIMITS = {
  /** failed password sign-ins per account (e-mail): then the account is locked for the rest of the window */
  signInFailuresPerAccount: { max: 10, windowSeconds: 15 * 60, counts: "failed password sign-ins per e-mail" },
  /** failed password sign-ins per client address */
  signInFailuresPerAddress: { max: 50, windowSeconds: 15 * 60, counts: "failed password sign-ins per client address" },
  /** sign-up attempts per client address */
  signUpPerAddress: { max: 10, windowSeconds: 60 * 60, counts: "sign-up requests per client address" },
  /** SIWE nonces per client address */
  siweNoncePerAddress: { max: 30, windowSeconds: 10 * 60, counts: "SIWE nonce requests per client address" },
  /** password set/change attempts per account */
  passwordPerAccount: { max: 10, windowSeconds: 60 * 60, counts: "password set/change requests per account" },
  /** password resets (school teachers/admins resetting pupils' passwords) per acting account */
  passwordResetPerAccount: { max: 60, windowSeconds: 60 * 60, counts: "password resets per acting teacher/admin" },
  /** "forgot password" mails per e-mail address (counted whether or not the address is registered) */
  resetMailPerAccount: { max: 5, windowSeconds: 60 * 60, counts: "password-reset mails per e-mail address" },
  /** "forgot password" requests per client address */
  resetMailPerAddress: { max: 20, windowSeconds: 60 * 60, counts: "password-reset requests per client address" },
  /** reset-link uses (new password with a token) per client address */
  resetConfirmPerAddress: { max: 20, windowSeconds: 15 * 60, counts: "password-reset link uses per client address" },
  /** verification mails a signed-in user asks for */
  verificationMailPerAccount: { max: 5, windowSeconds: 60 * 60, counts: "verification mails per account" },
  /** access-code redemption attempts per account */
  redeemPerAccount: { max: 20, windowSeconds: 15 * 60, counts: "access-code redemptions per account" },
  /** access-code redemption attempts per client address */
  redeemPerAddress: { max: 60, windowSeconds: 15 * 60, counts: "access-code redemptions per client address" },
  /** Q&A questions and answers posted per account */
  qaPostPerAccount: { max: 30, windowSeconds: 60 * 60, counts: "Q&A questions and answers per account" },
} as const satisfies Record<string, RateLimitRule>;

export type RateLimitName = keyof typeof RATE_LIMITS;

/**
 * Without a trusted proxy (TRUST_PROXY=0) every client shares the address "direct": per-address limits then
 * apply to all clients together, scaled by this factor (a flood guard; per-account limits are unchanged).
 */
export const SHARED_ADDRESS_FACTOR = 10;

/** The outcome of one counted hit. */
export interface RateLimitResult {
  allowed: boolean;
  /** hits in the current window, including this one */
  count: number;
  /** seconds until the window ends (for `Retry-After`), ≥ 1 */
  retryAfterSeconds: number;
}

/** 429 `rate_limited` with the seconds to wait (route() turns `retryAfterSeconds` into `Retry-After`). */
export class RateLimitedError extends ApiError {
  constructor(readonly retryAfterSeconds: number) {
    super("rate_limited", `Too many attempts. Try again in ${retryAfterSeconds} seconds.`);
  }
}

function counterKey(name: RateLimitName, subject: string): string {
  return `${name}:${createHash("sha256").update(subject).digest("hex")}`;
}

function ruleFor(name: RateLimitName, subject: string): { max: number; windowSeconds: number } {
  const rule = RATE_LIMITS[name];
  const shared = name.endsWith("PerAddress") && subject === DIRECT_CLIENT;
  return { max: shared ? rule.max * SHARED_ADDRESS_FACTOR : rule.max, windowSeconds: rule.windowSeconds };
}

/**
 * Counts one hit of `subject` against limit `name` (atomically, across replicas).
 * @param now clock (tests)
 */
export async function hitRateLimit(
  db: PrismaClient,
  name: RateLimitName,
  subject: string,
  now: Date = new Date(),
): Promise<RateLimitResult> {
  const { max, windowSeconds } = ruleFor(name, subject);
  const windowFloor = new Date(now.getTime() - windowSeconds * 1000);
  const rows = await db.$queryRaw<{ count: number; windowStart: Date }[]>`
    INSERT INTO "RateLimitCounter" ("key", "windowStart", "count") VALUES (${counterKey(name, subject)}, ${now}, 1)
    ON CONFLICT ("key") DO UPDATE SET
      "count" = CASE WHEN "RateLimitCounter"."windowStart" <= ${windowFloor} THEN 1 ELSE "RateLimitCounter"."count" + 1 END,
      "windowStart" = CASE WHEN "RateLimitCounter"."windowStart" <= ${windowFloor} THEN ${now} ELSE "RateLimitCounter"."windowStart" END
    RETURNING "count", "windowStart"`;
  const row = rows[0]!;
  const ends = row.windowStart.getTime() + windowSeconds * 1000;
  return {
    allowed: row.count <= max,
    count: row.count,
    retryAfterSeconds: Math.max(1, Math.ceil((ends - now.getTime()) / 1000)),
  };
}

/** Whether `subject` has already used up limit `name` (does not count a hit). */
export async function peekRateLimit(
  db: PrismaClient,
  name: RateLimitName,
  subject: string,
  now: Date = new Date(),
): Promise<RateLimitResult> {
  const { max, windowSeconds } = ruleFor(name, subject);
  const row = await db.rateLimitCounter.findUnique({ where: { key: counterKey(name, subject) } });
  const ends = row ? row.windowStart.getTime() + windowSeconds * 1000 : 0;
  if (!row || ends <= now.getTime()) return { allowed: true, count: 0, retryAfterSeconds: 1 };
  return {
    allowed: row.count < max,
    count: row.count,
    retryAfterSeconds: Math.max(1, Math.ceil((ends - now.getTime()) / 1000)),
  };
}

/** Forgets the counter of `subject` for limit `name` (e.g. failed sign-ins after a successful one). */
export async function resetRateLimit(db: PrismaClient, name: RateLimitName, subject: string): Promise<void> {
  await db.rateLimitCounter.deleteMany({ where: { key: counterKey(name, subject) } });
}

/**
 * Counts a hit for each `[name, subject]` pair and throws when any is over its limit.
 * @throws RateLimitedError (429, with the longest wait of the exceeded limits)
 */
export async function enforceRateLimits(
  db: PrismaClient,
  hits: [RateLimitName, string][],
  now: Date = new Date(),
): Promise<void> {
  let wait = 0;
  for (const [name, subject] of hits) {
    const r = await hitRateLimit(db, name, subject, now);
    if (!r.allowed) wait = Math.max(wait, r.retryAfterSeconds);
  }
  if (wait > 0) throw new RateLimitedError(wait);
}

/** Deletes counters whose longest window has ended (called by the worker's sweep; keeps the table small). */
export async function sweepRateLimits(db: PrismaClient, now: Date = new Date()): Promise<number> {
  const longest = Math.max(...Object.values(RATE_LIMITS).map((r) => r.windowSeconds));
  const { count } = await db.rateLimitCounter.deleteMany({
    where: { windowStart: { lt: new Date(now.getTime() - longest * 1000) } },
  });
  return count;
}
