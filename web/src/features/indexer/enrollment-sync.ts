/**
 * Batched enrollment re-derivation for the indexer: the (learner address, course bytes32) pairs touched
 * by one batch of logs are resolved with a handful of set queries (courses, wallets, registered
 * placeholders, existing enrollments, access-granting purchases) under the pairs' advisory locks (taken
 * in one statement). Pairs whose derived grant is a purchase are written with one bulk upsert; only
 * pairs left without a purchase grant (refunds, revocations) go through the exact per-pair
 * {@link recomputeEnrollment} (code redemptions, revoke). A replay of logs that were indexed before, or
 * a backlog of new purchases, therefore costs O(1) queries per batch, not O(logs).
 */
import { randomUUID } from "node:crypto";
import type { EnrollmentSource, Prisma } from "@smolitux/db";
import { checksumAddress } from "@/lib/checksum-address.ts";
import { placeholderAddress, resolveLearnerUser } from "../enrollment/learner-address.ts";
import { ACCESS_PURCHASE_STATUSES, purchaseSourceRef } from "../enrollment/purchases.ts";
import { recomputeEnrollment } from "../enrollment/service.ts";

type Tx = Prisma.TransactionClient;

const STICKY: readonly EnrollmentSource[] = ["FREE", "ADMIN"];

/** One touched pair: on-chain learner address (checksummed) and bytes32 course id (lowercase hex). */
export interface TouchedPair {
  learner: string;
  courseChainId: string;
  /** the pair was touched by a card-sale event (only those can name an unregistered placeholder) */
  card: boolean;
}

/**
 * Re-derives the enrollments of `pairs` whose learner and course this database knows.
 * @returns number of pairs whose enrollment was recomputed (changed or checked by the exact rule)
 */
export async function syncEnrollments(tx: Tx, pairs: readonly TouchedPair[]): Promise<number> {
  if (pairs.length === 0) return 0;
  const chainIds = [...new Set(pairs.map((p) => p.courseChainId))];
  const courses = await tx.$queryRaw<{ id: string; onchainCourseId: string }[]>`
    SELECT "id", "onchainCourseId" FROM "Course" WHERE "onchainCourseId" = ANY(${chainIds}::text[])`;
  const courseOf = new Map(courses.map((c) => [c.onchainCourseId, c.id]));
  const learners = [...new Set(pairs.map((p) => checksumAddress(p.learner)))];
  // linked wallets first (a wallet outranks a registered placeholder of the same address)
  const owners = await tx.$queryRaw<{ address: string; userId: string; wallet: boolean }[]>`
    SELECT "address", "userId", false AS wallet FROM "LearnerAddress" WHERE "address" = ANY(${learners}::text[])
    UNION ALL
    SELECT "address", "userId", true AS wallet FROM "Wallet" WHERE "address" = ANY(${learners}::text[])`;
  const userOf = new Map<string, string>();
  for (const o of owners.sort((a, b) => Number(a.wallet) - Number(b.wallet)))
    userOf.set(checksumAddress(o.address), o.userId);

  const targets = new Map<string, { userId: string; courseId: string; courseChainId: string }>();
  const unknown = new Map<string, Set<string>>(); // courseId → unresolved learner addresses of card sales
  for (const p of pairs) {
    const courseId = courseOf.get(p.courseChainId);
    if (!courseId) continue;
    const learner = checksumAddress(p.learner);
    const userId = userOf.get(learner);
    if (userId) targets.set(`${userId}:${courseId}`, { userId, courseId, courseChainId: p.courseChainId });
    else if (p.card) unknown.set(courseId, (unknown.get(courseId) ?? new Set()).add(learner));
  }
  // Only the card path records placeholders; an unregistered one (a sale recorded before LearnerAddress
  // existed) is resolved once per course and batch, and registered (resolveLearnerUser's rule).
  for (const [courseId, addresses] of unknown) {
    for (const learner of addresses) {
      const userId = await resolveLearnerUser(tx, learner, courseId);
      if (!userId) continue;
      userOf.set(learner, userId);
      const courseChainId = courses.find((c) => c.id === courseId)!.onchainCourseId;
      targets.set(`${userId}:${courseId}`, { userId, courseId, courseChainId });
    }
  }
  if (targets.size === 0) return 0;

  // Serialize with every other writer of these enrollments (recomputeEnrollment's per-pair advisory
  // lock), all pairs in one statement and in a fixed order; everything below is read under the locks.
  await tx.$executeRaw`
    SELECT pg_advisory_xact_lock(hashtextextended(k, 0))
    FROM unnest(${[...targets.values()].map((t) => `enrollment:${t.userId}:${t.courseId}`).sort()}::text[]) AS k`;

  const userIds = [...new Set([...targets.values()].map((t) => t.userId))];
  const courseIds = [...new Set([...targets.values()].map((t) => t.courseId))];
  const [enrollments, userWallets] = await Promise.all([
    tx.$queryRaw<
      { userId: string; courseId: string; status: string; source: EnrollmentSource; sourceRef: string | null }[]
    >`
      SELECT "userId", "courseId", "status"::text AS status, "source"::text AS source, "sourceRef" FROM "Enrollment"
      WHERE "userId" = ANY(${userIds}::text[]) AND "courseId" = ANY(${courseIds}::text[])`,
    tx.$queryRaw<{ address: string; userId: string }[]>`
      SELECT "address", "userId" FROM "Wallet" WHERE "userId" = ANY(${userIds}::text[])`,
  ]);
  const enrollmentOf = new Map(enrollments.map((e) => [`${e.userId}:${e.courseId}`, e]));
  const addressOwner = new Map<string, string>(userIds.map((u) => [placeholderAddress(u), u]));
  for (const w of userWallets) addressOwner.set(checksumAddress(w.address), w.userId);
  const purchases = await tx.$queryRaw<
    { chainId: number; purchaseId: string; card: boolean; learner: string; courseChainId: string }[]
  >`
    SELECT "chainId", "purchaseId"::text AS "purchaseId", "card", "learner", "courseChainId" FROM "Purchase"
    WHERE "courseChainId" = ANY(${[...new Set([...targets.values()].map((t) => t.courseChainId))]}::text[])
      AND "learner" = ANY(${[...addressOwner.keys()]}::text[])
      AND "status" = ANY(${[...ACCESS_PURCHASE_STATUSES]}::text[])`;
  // the grant the exact rule picks first: the user's latest access-granting purchase of the course
  // (the same query as recomputeEnrollment's, for all pairs at once)
  const latest = new Map<string, { chainId: number; purchaseId: bigint; card: boolean }>();
  for (const p of purchases) {
    const userId = addressOwner.get(checksumAddress(p.learner));
    const courseId = courseOf.get(p.courseChainId);
    if (!userId || !courseId) continue;
    const key = `${userId}:${courseId}`;
    const best = latest.get(key);
    const purchaseId = BigInt(p.purchaseId);
    if (!best || purchaseId > best.purchaseId) latest.set(key, { chainId: p.chainId, purchaseId, card: p.card });
  }

  const grants: { userId: string; courseId: string; source: EnrollmentSource; sourceRef: string }[] = [];
  let recomputed = 0;
  for (const [key, t] of targets) {
    const existing = enrollmentOf.get(key);
    if (existing?.status === "ACTIVE" && STICKY.includes(existing.source)) continue;
    const grant = latest.get(key);
    if (!grant) {
      // no purchase grants access (refund, revocation): the exact rule decides (code redemption, revoke)
      await recomputeEnrollment(tx, t.userId, t.courseId);
      recomputed++;
      continue;
    }
    const source: EnrollmentSource = grant.card ? "CARD" : "CRYPTO";
    const sourceRef = purchaseSourceRef(grant.chainId, grant.purchaseId.toString());
    if (existing?.status === "ACTIVE" && existing.source === source && existing.sourceRef === sourceRef) continue;
    grants.push({ userId: t.userId, courseId: t.courseId, source, sourceRef });
  }
  await upsertActive(tx, grants);
  return recomputed + grants.length;
}

/**
 * Writes ACTIVE enrollments granted by a purchase in one statement — what {@link recomputeEnrollment}
 * writes for a pair whose derived grant is a purchase (the caller holds the pairs' advisory locks and
 * checked that no sticky FREE/ADMIN row is active).
 */
async function upsertActive(
  tx: Tx,
  rows: readonly { userId: string; courseId: string; source: EnrollmentSource; sourceRef: string }[],
): Promise<void> {
  if (rows.length === 0) return;
  await tx.$executeRaw`
    INSERT INTO "Enrollment" ("id", "userId", "courseId", "source", "status", "sourceRef", "createdAt")
    SELECT v.id, v.uid, v.cid, v.source::"EnrollmentSource", 'ACTIVE'::"EnrollmentStatus", v.ref, now()
    FROM unnest(${rows.map(() => randomUUID())}::text[], ${rows.map((r) => r.userId)}::text[],
      ${rows.map((r) => r.courseId)}::text[], ${rows.map((r) => r.source)}::text[], ${rows.map((r) => r.sourceRef)}::text[])
      AS v(id, uid, cid, source, ref)
    ON CONFLICT ("userId", "courseId") DO UPDATE SET
      "status" = 'ACTIVE'::"EnrollmentStatus", "revokedAt" = NULL, "source" = EXCLUDED."source",
      "sourceRef" = EXCLUDED."sourceRef"`;
}
