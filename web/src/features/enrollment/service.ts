/**
 * The enrollment service: the only code that writes `Enrollment` rows. One row per (user, course);
 * its status is DERIVED from the grants that exist, so every writer (indexer, access codes, free
 * enrollment, admin assignment) calls {@link recomputeEnrollment} after recording its fact:
 *
 * 1. FREE / ADMIN grants live only in the row itself ("sticky"): an ACTIVE row with one of these
 *    sources stays ACTIVE until {@link revokeAssignment} removes it explicitly.
 * 2. Otherwise the row is ACTIVE when the user has an access-granting purchase of the course
 *    (`Purchase` rows of the indexer, learner = one of the user's addresses; source CRYPTO or CARD), or
 *    else a redemption of one of the course's access codes (source CODE).
 * 3. Otherwise the row (if any) is REVOKED — e.g. a refund revokes access unless a code redemption or
 *    another purchase still grants it.
 *
 * Recomputations of one (user, course) are serialized by a transaction-scoped advisory lock, so the
 * indexer and a redemption racing on the same row cannot lose an update.
 */
import type { EnrollmentSource, EnrollmentStatus, Prisma } from "@smolitux/db";
import { addressesOfUser } from "./learner-address.ts";
import { inTransaction, type Db } from "./db.ts";
import { ACCESS_PURCHASE_STATUSES, purchaseSourceRef } from "./purchases.ts";

/** The enrollment of one user in one course as callers see it. */
export interface EnrollmentState {
  status: EnrollmentStatus;
  source: EnrollmentSource;
  sourceRef: string | null;
}

const STICKY: readonly EnrollmentSource[] = ["FREE", "ADMIN"];

async function lockPair(tx: Prisma.TransactionClient, userId: string, courseId: string): Promise<void> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`enrollment:${userId}:${courseId}`}, 0))`;
}

/** The grant that currently gives access without a sticky row, or null. */
async function derivedGrant(
  tx: Prisma.TransactionClient,
  userId: string,
  courseId: string,
): Promise<{ source: EnrollmentSource; sourceRef: string } | null> {
  const course = await tx.course.findUnique({ where: { id: courseId }, select: { onchainCourseId: true } });
  if (course?.onchainCourseId) {
    const purchase = await tx.purchase.findFirst({
      where: {
        courseChainId: course.onchainCourseId,
        learner: { in: await addressesOfUser(tx, userId) },
        status: { in: [...ACCESS_PURCHASE_STATUSES] },
      },
      orderBy: { purchaseId: "desc" },
      select: { chainId: true, purchaseId: true, card: true },
    });
    if (purchase) {
      return {
        source: purchase.card ? "CARD" : "CRYPTO",
        sourceRef: purchaseSourceRef(purchase.chainId, purchase.purchaseId.toFixed(0)),
      };
    }
  }
  const redemption = await tx.accessCodeRedemption.findFirst({
    where: { userId, accessCode: { courseId } },
    orderBy: { createdAt: "asc" },
    select: { accessCodeId: true },
  });
  return redemption ? { source: "CODE", sourceRef: `code:${redemption.accessCodeId}` } : null;
}

/**
 * Re-derives the enrollment of (user, course) from the recorded grants (see the module comment) and
 * writes it. Idempotent. `dropSticky` ignores a FREE/ADMIN grant (used when revoking one).
 * @returns the resulting state, or null when the user never had a row and has no grant
 */
export async function recomputeEnrollment(
  db: Db,
  userId: string,
  courseId: string,
  opts: { dropSticky?: boolean } = {},
): Promise<EnrollmentState | null> {
  return inTransaction(db, async (tx) => {
    await lockPair(tx, userId, courseId);
    const existing = await tx.enrollment.findUnique({
      where: { userId_courseId: { userId, courseId } },
      select: { status: true, source: true, sourceRef: true },
    });
    if (existing && existing.status === "ACTIVE" && STICKY.includes(existing.source) && !opts.dropSticky) {
      return existing;
    }
    const grant = await derivedGrant(tx, userId, courseId);
    if (grant) {
      const same =
        existing?.status === "ACTIVE" && existing.source === grant.source && existing.sourceRef === grant.sourceRef;
      if (same) return existing;
      return tx.enrollment.upsert({
        where: { userId_courseId: { userId, courseId } },
        create: { userId, courseId, status: "ACTIVE", ...grant },
        update: { status: "ACTIVE", revokedAt: null, ...grant },
        select: { status: true, source: true, sourceRef: true },
      });
    }
    if (!existing) return null;
    if (existing.status === "REVOKED") return existing;
    return tx.enrollment.update({
      where: { userId_courseId: { userId, courseId } },
      data: { status: "REVOKED", revokedAt: new Date() },
      select: { status: true, source: true, sourceRef: true },
    });
  });
}

/**
 * Grants a FREE or ADMIN enrollment (sticky; see the module comment). Idempotent: an ACTIVE row keeps
 * its access, and its source becomes `source`.
 * @param sourceRef e.g. the assigning admin's user id for ADMIN; null for FREE
 */
export async function grantEnrollment(
  db: Db,
  input: { userId: string; courseId: string; source: "FREE" | "ADMIN"; sourceRef?: string | null },
): Promise<EnrollmentState> {
  return inTransaction(db, async (tx) => {
    await lockPair(tx, input.userId, input.courseId);
    const data = { status: "ACTIVE" as const, source: input.source, sourceRef: input.sourceRef ?? null };
    return tx.enrollment.upsert({
      where: { userId_courseId: { userId: input.userId, courseId: input.courseId } },
      create: { userId: input.userId, courseId: input.courseId, ...data },
      update: { ...data, revokedAt: null },
      select: { status: true, source: true, sourceRef: true },
    });
  });
}

/**
 * Removes a FREE/ADMIN grant (e.g. a school admin un-assigns a learner). Access remains when a purchase
 * or code redemption still grants it.
 */
export async function revokeAssignment(db: Db, userId: string, courseId: string): Promise<EnrollmentState | null> {
  return recomputeEnrollment(db, userId, courseId, { dropSticky: true });
}

/** Whether `userId` may open the paid content of `courseId` right now (an ACTIVE enrollment). */
export async function hasAccess(db: Db, userId: string, courseId: string): Promise<boolean> {
  const row = await db.enrollment.findUnique({
    where: { userId_courseId: { userId, courseId } },
    select: { status: true },
  });
  return row?.status === "ACTIVE";
}

/**
 * Re-derives every course enrollment of a user that could be affected by their addresses, e.g. after
 * linking or unlinking a wallet (call it from the wallet service after the change commits).
 * @returns number of enrollments recomputed
 */
export async function reconcileUserEnrollments(db: Db, userId: string): Promise<number> {
  const addresses = await addressesOfUser(db, userId);
  const purchases = await db.purchase.findMany({
    where: { learner: { in: addresses } },
    select: { courseChainId: true },
    distinct: ["courseChainId"],
  });
  const courses = await db.course.findMany({
    where: {
      OR: [
        { onchainCourseId: { in: purchases.map((p) => p.courseChainId) } },
        { enrollments: { some: { userId, source: { in: ["CRYPTO", "CARD"] } } } },
      ],
    },
    select: { id: true },
  });
  for (const c of courses) await recomputeEnrollment(db, userId, c.id);
  return courses.length;
}
