/** Email + password accounts: sign-up and password sign-in (Argon2id, throttled per email + IP). */
import type { PrismaClient } from "@smolitux/db";
import { ApiError } from "@/server/http.ts";
import type { SessionUser } from "@/server/auth.ts";
import { recordAudit } from "@/features/admin/audit.ts";
import { hashPassword, verifyPassword } from "./password.ts";
import { recordSignInFailure, recordSignInSuccess, signInRetryAfter } from "./rate-limit.ts";
import type { SignInInput, SignUpInput } from "./schemas.ts";
import { enqueueEmailVerification, type MailContext } from "./account-mail.ts";

const USER_SELECT = { id: true, email: true, name: true, roles: true } as const;

/** Whether `err` is a Prisma unique-constraint violation (P2002). */
export function isUniqueViolation(err: unknown): boolean {
  return typeof err === "object" && err !== null && (err as { code?: unknown }).code === "P2002";
}

/**
 * Creates a learner account with an e-mail address and an Argon2id password hash; with `mail`, the account's
 * locale is the request's and a verification mail is enqueued in the same transaction.
 * @throws ApiError("conflict", fields.email = "taken") → 409 when the e-mail is already registered (the HTTP
 *   route never shows this to the caller: see {@link signUpQuietly})
 */
export async function signUp(db: PrismaClient, input: SignUpInput, mail?: MailContext): Promise<SessionUser> {
  const taken = new ApiError("conflict", "This e-mail address is already registered.", { email: "taken" });
  const passwordHash = await hashPassword(input.password);
  if (await db.user.findUnique({ where: { email: input.email }, select: { id: true } })) throw taken;
  try {
    return await db.$transaction(async (tx) => {
      const user = await tx.user.create({
        data: {
          email: input.email,
          name: input.name,
          passwordHash,
          roles: ["LEARNER"],
          ...(mail ? { locale: mail.locale } : {}),
        },
        select: USER_SELECT,
      });
      if (mail) await enqueueEmailVerification(tx, user.id, mail);
      await recordAudit(tx, { actorId: user.id, action: "user.signed_up", entity: "User", entityId: user.id });
      return user;
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw taken;
    throw err;
  }
}

/**
 * Sign-up that does not reveal whether the e-mail is registered: a new address gets an account, a taken one
 * changes nothing — the caller sees the same result either way and in the same time (the password is hashed
 * in both cases), and then signs in with the password it chose (which fails for someone else's account).
 */
export async function signUpQuietly(db: PrismaClient, input: SignUpInput, mail?: MailContext): Promise<void> {
  try {
    await signUp(db, input, mail);
  } catch (err) {
    if (!(err instanceof ApiError && err.code === "conflict")) throw err;
  }
}

export type PasswordSignInResult =
  | { ok: true; user: SessionUser }
  | { ok: false; reason: "invalid" }
  /** right password, but a teacher or school admin deactivated the account (User.deactivatedAt) */
  | { ok: false; reason: "deactivated" }
  | { ok: false; reason: "rate_limited"; retryAfterSeconds: number };

/**
 * Checks an e-mail + password. Unknown e-mail and wrong password take the same Argon2 verification time
 * and give the same `invalid` result; after too many failures for this e-mail + IP the result is
 * `rate_limited` (see rate-limit.ts).
 */
export async function authenticateWithPassword(
  db: PrismaClient,
  input: SignInInput,
  ip: string,
  now: Date = new Date(),
): Promise<PasswordSignInResult> {
  const wait = await signInRetryAfter(db, input.email, ip, now);
  if (wait > 0) return { ok: false, reason: "rate_limited", retryAfterSeconds: wait };
  const row = await db.user.findUnique({
    where: { email: input.email },
    select: { ...USER_SELECT, passwordHash: true, deactivatedAt: true },
  });
  const valid = await verifyPassword(row?.passwordHash ?? null, input.password);
  if (!row || !valid) {
    await recordSignInFailure(db, input.email, ip, now);
    return { ok: false, reason: "invalid" };
  }
  // Told only to whoever knows the password, so it reveals nothing to a guesser.
  if (row.deactivatedAt) return { ok: false, reason: "deactivated" };
  await recordSignInSuccess(db, input.email, ip, row.id);
  const { passwordHash: _omit, deactivatedAt: _active, ...user } = row;
  return { ok: true, user };
}
