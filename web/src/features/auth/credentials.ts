/** Email + password accounts: sign-up and password sign-in (Argon2id, throttled per email + IP). */
import type { PrismaClient } from "@smolitux/db";
import { ApiError } from "@/server/http.ts";
import type { SessionUser } from "@/server/auth.ts";
import { recordAudit } from "@/features/admin/audit.ts";
import { hashPassword, verifyPassword } from "./password.ts";
import { isSignInThrottled, recordSignInAttempt, signInKey } from "./rate-limit.ts";
import type { SignInInput, SignUpInput } from "./schemas.ts";

const USER_SELECT = { id: true, email: true, name: true, roles: true } as const;

/** Whether `err` is a Prisma unique-constraint violation (P2002). */
export function isUniqueViolation(err: unknown): boolean {
  return typeof err === "object" && err !== null && (err as { code?: unknown }).code === "P2002";
}

/**
 * Creates a learner account with an e-mail address and an Argon2id password hash.
 * @throws ApiError("conflict", fields.email = "taken") → 409 when the e-mail is already registered
 */
export async function signUp(db: PrismaClient, input: SignUpInput): Promise<SessionUser> {
  const taken = new ApiError("conflict", "This e-mail address is already registered.", { email: "taken" });
  if (await db.user.findUnique({ where: { email: input.email }, select: { id: true } })) throw taken;
  const passwordHash = await hashPassword(input.password);
  try {
    return await db.$transaction(async (tx) => {
      const user = await tx.user.create({
        data: { email: input.email, name: input.name, passwordHash, roles: ["LEARNER"] },
        select: USER_SELECT,
      });
      await recordAudit(tx, { actorId: user.id, action: "user.signed_up", entity: "User", entityId: user.id });
      return user;
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw taken;
    throw err;
  }
}

export type PasswordSignInResult = { ok: true; user: SessionUser } | { ok: false; reason: "invalid" | "rate_limited" };

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
  const key = signInKey(input.email, ip);
  if (await isSignInThrottled(db, key, now)) return { ok: false, reason: "rate_limited" };
  const row = await db.user.findUnique({
    where: { email: input.email },
    select: { ...USER_SELECT, passwordHash: true },
  });
  const valid = await verifyPassword(row?.passwordHash ?? null, input.password);
  if (!row || !valid) {
    await recordSignInAttempt(db, key, { ok: false });
    return { ok: false, reason: "invalid" };
  }
  await recordSignInAttempt(db, key, { ok: true, userId: row.id });
  const { passwordHash: _omit, ...user } = row;
  return { ok: true, user };
}
