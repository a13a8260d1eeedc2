/**
 * Access codes: providers (own courses), SCHOOL_ADMIN and PLATFORM_ADMIN create, list and revoke codes
 * for a course; a signed-in learner redeems one and is enrolled (source CODE) through the enrollment
 * service. Revoking a code stops further redemptions (its expiry is set to now); learners who already
 * redeemed it keep their access.
 */
import type { Prisma } from "@smolitux/db";
import type { SessionUser } from "@/server/auth.ts";
import { hasRole } from "@/server/auth.ts";
import { ApiError } from "@/server/http.ts";
import { recordAudit } from "@/features/admin/audit.ts";
import { inTransaction, isUniqueViolation, type Db } from "../enrollment/db.ts";
import { recomputeEnrollment } from "../enrollment/service.ts";
import { generateCode, hashCode, normalizeCode } from "./codes.ts";
import { recordRedeemFailure, redeemRetryAfter } from "./rate-limit.ts";
import type { CreateCodesInput } from "./schemas.ts";

type Manager = Pick<SessionUser, "id" | "roles">;

/**
 * Asserts that `user` may manage the codes of `courseId`.
 * @throws ApiError not_found (unknown course), forbidden (not the provider or an admin)
 */
export async function assertCanManage(
  db: Db,
  user: Manager,
  courseId: string,
): Promise<{ id: string; title: string; slug: string }> {
  const course = await db.course.findUnique({
    where: { id: courseId },
    select: { id: true, title: true, slug: true, providerId: true },
  });
  if (!course) throw new ApiError("not_found", "No such course.");
  const admin = hasRole(user, "SCHOOL_ADMIN", "PLATFORM_ADMIN");
  if (!admin && !(hasRole(user, "PROVIDER") && course.providerId === user.id)) {
    throw new ApiError("forbidden", "You may manage access codes only for your own courses.");
  }
  return { id: course.id, title: course.title, slug: course.slug };
}

/** A code as returned once at creation (plaintext). */
export interface CreatedCode {
  id: string;
  code: string;
}

/**
 * Creates `count` codes. The plaintext codes are returned only here (only hashes are stored).
 * @throws see {@link assertCanManage}
 */
export async function createCodes(db: Db, user: Manager, input: CreateCodesInput): Promise<CreatedCode[]> {
  await assertCanManage(db, user, input.courseId);
  const plain = new Set<string>();
  while (plain.size < input.count) plain.add(generateCode());
  return inTransaction(db, async (tx) => {
    const created: CreatedCode[] = [];
    const rows = await tx.accessCode.createManyAndReturn({
      data: [...plain].map((code) => ({
        courseId: input.courseId,
        code: hashCode(normalizeCode(code)!),
        maxUses: input.maxUses,
        expiresAt: input.expiresAt ?? null,
        createdById: user.id,
      })),
      select: { id: true, code: true },
    });
    const byHash = new Map(rows.map((r) => [r.code, r.id]));
    for (const code of plain) created.push({ id: byHash.get(hashCode(normalizeCode(code)!))!, code });
    await recordAudit(tx, {
      actorId: user.id,
      action: "access_code.created",
      entity: "Course",
      entityId: input.courseId,
      details: { count: input.count, maxUses: input.maxUses, expiresAt: input.expiresAt?.toISOString() ?? null },
    });
    return created;
  });
}

/** One code in the management list (no plaintext). Dates ISO-8601. */
export interface CodeView {
  id: string;
  maxUses: number;
  uses: number;
  expiresAt: string | null;
  createdAt: string;
  state: "active" | "expired" | "exhausted";
}

/** The course's codes, newest first. @throws see {@link assertCanManage} */
export async function listCodes(db: Db, user: Manager, courseId: string, now = new Date()): Promise<CodeView[]> {
  await assertCanManage(db, user, courseId);
  const rows = await db.accessCode.findMany({
    where: { courseId },
    orderBy: { createdAt: "desc" },
    select: { id: true, maxUses: true, uses: true, expiresAt: true, createdAt: true },
  });
  return rows.map((r) => ({
    id: r.id,
    maxUses: r.maxUses,
    uses: r.uses,
    expiresAt: r.expiresAt?.toISOString() ?? null,
    createdAt: r.createdAt.toISOString(),
    state: r.expiresAt && r.expiresAt <= now ? "expired" : r.uses >= r.maxUses ? "exhausted" : "active",
  }));
}

/**
 * Revokes a code: no further redemptions (expiry set to now). Idempotent.
 * @throws ApiError not_found (unknown code), forbidden
 */
export async function revokeCode(db: Db, user: Manager, codeId: string): Promise<void> {
  const code = await db.accessCode.findUnique({ where: { id: codeId }, select: { courseId: true, expiresAt: true } });
  if (!code) throw new ApiError("not_found", "No such access code.");
  await assertCanManage(db, user, code.courseId);
  const now = new Date();
  if (code.expiresAt && code.expiresAt <= now) return;
  await inTransaction(db, async (tx) => {
    await tx.accessCode.update({ where: { id: codeId }, data: { expiresAt: now } });
    await recordAudit(tx, { actorId: user.id, action: "access_code.revoked", entity: "AccessCode", entityId: codeId });
  });
}

/** Thrown when the caller has too many failed attempts; carries the Retry-After seconds. */
export class RedeemThrottledError extends ApiError {
  constructor(readonly retryAfterSeconds: number) {
    super("rate_limited", "Too many invalid codes. Try again later.");
  }
}

/** Outcome of a successful redemption. */
export interface Redeemed {
  course: { id: string; slug: string; title: string };
  /** false when this user had already redeemed this code (no use consumed) */
  newlyRedeemed: boolean;
}

type Failure = "invalid" | "expired" | "exhausted";
const FAIL_MESSAGE: Record<Failure, string> = {
  invalid: "This code is not valid.",
  expired: "This code has expired.",
  exhausted: "This code has been used up.",
};

/**
 * Redeems `input` for `userId`: atomically consumes one use (`UPDATE … WHERE uses < maxUses AND not
 * expired`), records the redemption (once per user per code) and enrolls the user (source CODE), all in
 * one transaction. Failed attempts count towards the rate limit.
 * @throws RedeemThrottledError (429), ApiError("not_found") invalid, ("conflict") expired or exhausted
 */
export async function redeemCode(
  db: Db,
  input: { userId: string; ip: string; code: string; now?: Date },
): Promise<Redeemed> {
  const now = input.now ?? new Date();
  const wait = await redeemRetryAfter(db, input.userId, input.ip, now);
  if (wait > 0) throw new RedeemThrottledError(wait);
  const normalized = normalizeCode(input.code);
  const result = normalized ? await attempt(db, input.userId, hashCode(normalized), now) : ("invalid" as const);
  if (typeof result === "string") {
    await recordRedeemFailure(db, input.userId, input.ip, result);
    throw new ApiError(result === "invalid" ? "not_found" : "conflict", FAIL_MESSAGE[result], { code: result });
  }
  return result;
}

async function attempt(db: Db, userId: string, hash: string, now: Date): Promise<Redeemed | Failure> {
  const code = await db.accessCode.findUnique({
    where: { code: hash },
    select: { id: true, courseId: true, course: { select: { id: true, slug: true, title: true } } },
  });
  if (!code) return "invalid";
  try {
    return await inTransaction(db, async (tx: Prisma.TransactionClient) => {
      const mine = await tx.accessCodeRedemption.findUnique({
        where: { accessCodeId_userId: { accessCodeId: code.id, userId } },
        select: { id: true },
      });
      if (mine) {
        await recomputeEnrollment(tx, userId, code.courseId);
        return { course: code.course, newlyRedeemed: false };
      }
      const taken = await tx.$queryRaw<{ id: string; expired: boolean }[]>`
        UPDATE "AccessCode" SET "uses" = "uses" + 1
        WHERE "id" = ${code.id} AND "uses" < "maxUses" AND ("expiresAt" IS NULL OR "expiresAt" > ${now})
        RETURNING "id", false AS "expired"`;
      if (taken.length === 0) {
        const row = await tx.accessCode.findUniqueOrThrow({ where: { id: code.id }, select: { expiresAt: true } });
        return row.expiresAt && row.expiresAt <= now ? "expired" : "exhausted";
      }
      await tx.accessCodeRedemption.create({ data: { accessCodeId: code.id, userId } });
      await recomputeEnrollment(tx, userId, code.courseId);
      return { course: code.course, newlyRedeemed: true };
    });
  } catch (err) {
    // The same user redeemed the same code concurrently: the other transaction won; no use consumed here.
    if (isUniqueViolation(err)) return { course: code.course, newlyRedeemed: false };
    throw err;
  }
}
