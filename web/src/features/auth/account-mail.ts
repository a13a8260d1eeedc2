/**
 * Account flows by mail: e-mail verification (at sign-up, on adding an e-mail, on request) and password
 * reset ("forgot password"). Links carry a single-use token (features/mail/tokens.ts): verification 48 h,
 * reset 60 min. A reset sets the new password, ends every session of the account (session version bumped)
 * and lifts the sign-in lockout of the address. Requests never reveal whether an address is registered.
 */
import type { Prisma, PrismaClient } from "@smolitux/db";
import { ApiError } from "@/server/http.ts";
import { invalidateSessions } from "@/server/auth.ts";
import { resetRateLimit } from "@/server/rate-limit.ts";
import { recordAudit } from "@/features/admin/audit.ts";
import { enqueueMail } from "@/features/mail/outbox.ts";
import { RESET_MINUTES, VERIFICATION_HOURS } from "@/features/mail/templates.ts";
import { consumeAccountToken, issueAccountToken, revokeAccountTokens } from "@/features/mail/tokens.ts";
import { hashPassword } from "./password.ts";

type Tx = Prisma.TransactionClient;

/** Where the mailed links point and in which language the mail is written. */
export interface MailContext {
  /** APP_URL */
  appUrl: string;
  /** UI locale of the request (en, de, …) */
  locale: string;
}

const link = (appUrl: string, path: string, token: string) =>
  `${appUrl.replace(/\/$/, "")}${path}?token=${encodeURIComponent(token)}`;

/**
 * Issues a verification token for the user's current address and enqueues the mail (in `tx`).
 * No-op for an account without e-mail or with a verified one.
 */
export async function enqueueEmailVerification(tx: Tx, userId: string, ctx: MailContext): Promise<void> {
  const user = await tx.user.findUnique({
    where: { id: userId },
    select: { email: true, name: true, emailVerified: true },
  });
  if (!user?.email || user.emailVerified) return;
  await revokeAccountTokens(tx, userId, "EMAIL_VERIFICATION");
  const { token, id } = await issueAccountToken(tx, {
    userId,
    kind: "EMAIL_VERIFICATION",
    email: user.email,
    ttlMs: VERIFICATION_HOURS * 3600_000,
  });
  await enqueueMail(tx, {
    idempotencyKey: `verify:${id}`,
    kind: "EMAIL_VERIFICATION",
    userId,
    to: user.email,
    locale: ctx.locale,
    params: { name: user.name, url: link(ctx.appUrl, "/verify-email", token) },
  });
}

/**
 * The address a user still has to confirm: the account's e-mail while it is unverified (the sign-up notice and the
 * banner of signed-in pages show it with "Resend e-mail").
 * @returns the address, or null for a verified account, one without e-mail, or an unknown user id
 */
export async function unverifiedEmail(db: PrismaClient, userId: string): Promise<string | null> {
  const user = await db.user.findUnique({ where: { id: userId }, select: { email: true, emailVerified: true } });
  return user?.email && !user.emailVerified ? user.email : null;
}

/** Signed-in user asks for a new verification mail. */
export async function resendEmailVerification(db: PrismaClient, userId: string, ctx: MailContext): Promise<void> {
  await db.$transaction((tx) => enqueueEmailVerification(tx, userId, ctx));
}

/**
 * Consumes a verification link: marks the account's address verified when it is still the address the link
 * was sent to.
 * @returns `verified`, or `invalid` (unknown, used, expired token, or the address changed since)
 */
export async function verifyEmail(db: PrismaClient, token: string): Promise<"verified" | "invalid"> {
  return db.$transaction(async (tx) => {
    const t = await consumeAccountToken(tx, "EMAIL_VERIFICATION", token);
    if (!t) return "invalid";
    const n = await tx.user.updateMany({
      where: { id: t.userId, email: t.email, emailVerified: null },
      data: { emailVerified: new Date() },
    });
    if (n.count === 1) {
      await recordAudit(tx, { actorId: t.userId, action: "auth.email_verified", entity: "User", entityId: t.userId });
    }
    const now = await tx.user.findUnique({ where: { id: t.userId }, select: { email: true } });
    return now?.email === t.email ? "verified" : "invalid";
  });
}

/**
 * "Forgot password": when `email` belongs to an account, a reset link is mailed (older unused links stop
 * working). Unknown addresses get nothing; the caller answers the same either way.
 */
export async function requestPasswordReset(db: PrismaClient, email: string, ctx: MailContext): Promise<void> {
  await db.$transaction(async (tx) => {
    const user = await tx.user.findUnique({ where: { email }, select: { id: true, name: true } });
    if (!user) return;
    await revokeAccountTokens(tx, user.id, "PASSWORD_RESET");
    const { token, id } = await issueAccountToken(tx, {
      userId: user.id,
      kind: "PASSWORD_RESET",
      email,
      ttlMs: RESET_MINUTES * 60_000,
    });
    await enqueueMail(tx, {
      idempotencyKey: `reset:${id}`,
      kind: "PASSWORD_RESET",
      userId: user.id,
      to: email,
      locale: ctx.locale,
      params: { name: user.name, url: link(ctx.appUrl, "/reset-password", token) },
    });
    await recordAudit(tx, {
      actorId: user.id,
      action: "auth.password_reset_requested",
      entity: "User",
      entityId: user.id,
    });
  });
}

/**
 * Sets a new password with a reset link's token: single use, within its validity. Ends every session of
 * the account, marks the address verified (the link proved control of the mailbox) and lifts the sign-in
 * lockout of the address.
 * @throws ApiError("bad_request", fields.token = "invalid_token") for an unknown, used or expired token
 */
export async function resetPassword(db: PrismaClient, token: string, password: string): Promise<void> {
  const passwordHash = await hashPassword(password);
  const email = await db.$transaction(async (tx) => {
    const t = await consumeAccountToken(tx, "PASSWORD_RESET", token);
    if (!t) throw new ApiError("bad_request", "This reset link is invalid or has expired.", { token: "invalid_token" });
    const user = await tx.user.findUnique({ where: { id: t.userId }, select: { email: true, emailVerified: true } });
    if (user?.email !== t.email) {
      throw new ApiError("bad_request", "This reset link is invalid or has expired.", { token: "invalid_token" });
    }
    await tx.user.update({
      where: { id: t.userId },
      data: { passwordHash, ...(user.emailVerified ? {} : { emailVerified: new Date() }) },
    });
    await invalidateSessions(tx, t.userId);
    await revokeAccountTokens(tx, t.userId, "PASSWORD_RESET");
    await recordAudit(tx, { actorId: t.userId, action: "auth.password_reset", entity: "User", entityId: t.userId });
    return t.email;
  });
  await resetRateLimit(db, "signInFailuresPerAccount", email);
}
