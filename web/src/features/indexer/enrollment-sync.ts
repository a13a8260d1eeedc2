/**
 * Batched enrollment re-derivation for the indexer: the (learner address, course bytes32) pairs touched
 * by one batch of logs are resolved with a handful of set queries (courses, wallets, registered
 * placeholders, existing enrollments, access-granting purchases), and only the pairs whose enrollment
 * would change go through the exact per-pair {@link recomputeEnrollment} (advisory lock + rules). A
 * replay of logs that were indexed before therefore costs O(1) queries per batch, not O(logs).
 */
import type { EnrollmentSource, Prisma } from "@smolitux/db";
import { getAddress } from "viem";
import { placeholderAddress, resolveLearnerUser } from "../enrollment/learner-address.ts";
import { ACCESS_PURCHASE_STATUSES, purchaseSourceRef } from "../enrollment/purchases.ts";
import { recomputeEnrollment } from "../enrollment/service.ts";

type Tx = Prisma.TransactionClient;

const STICKY: readonly EnrollmentSource[] = ["FREE", "ADMIN"];

/** One touched pair: on-chain learner address (checksummed) and bytes32 course id (lowercase hex). */
export interface TouchedPair {
  learner: string;
  courseChainId: string;
}

/**
 * Re-derives the enrollments of `pairs` whose learner and course this database knows.
 * @returns number of pairs whose enrollment was recomputed (changed or checked by the exact rule)
 */
export async function syncEnrollments(tx: Tx, pairs: readonly TouchedPair[]): Promise<number> {
  if (pairs.length === 0) return 0;
  const chainIds = [...new Set(pairs.map((p) => p.courseChainId))];
  const courses = await tx.course.findMany({
    where: { onchainCourseId: { in: chainIds } },
    select: { id: true, onchainCourseId: true },
  });
  const courseOf = new Map(courses.map((c) => [c.onchainCourseId!, c.id]));
  const learners = [...new Set(pairs.map((p) => getAddress(p.learner)))];
  const [wallets, registered] = await Promise.all([
    tx.wallet.findMany({ where: { address: { in: learners } }, select: { address: true, userId: true } }),
    tx.learnerAddress.findMany({ where: { address: { in: learners } }, select: { address: true, userId: true } }),
  ]);
  const userOf = new Map<string, string>([
    ...registered.map((r) => [getAddress(r.address), r.userId] as const),
    ...wallets.map((w) => [getAddress(w.address), w.userId] as const),
  ]);

  const targets = new Map<string, { userId: string; courseId: string; courseChainId: string }>();
  for (const p of pairs) {
    const courseId = courseOf.get(p.courseChainId);
    if (!courseId) continue;
    const learner = getAddress(p.learner);
    let userId = userOf.get(learner);
    if (!userId) {
      // an unregistered placeholder of a sale recorded before LearnerAddress existed (registered on success)
      userId = (await resolveLearnerUser(tx, learner, courseId)) ?? undefined;
      if (!userId) continue;
      userOf.set(learner, userId);
    }
    targets.set(`${userId}:${courseId}`, { userId, courseId, courseChainId: p.courseChainId });
  }
  if (targets.size === 0) return 0;

  const userIds = [...new Set([...targets.values()].map((t) => t.userId))];
  const courseIds = [...new Set([...targets.values()].map((t) => t.courseId))];
  const [enrollments, userWallets] = await Promise.all([
    tx.enrollment.findMany({
      where: { userId: { in: userIds }, courseId: { in: courseIds } },
      select: { userId: true, courseId: true, status: true, source: true, sourceRef: true },
    }),
    tx.wallet.findMany({ where: { userId: { in: userIds } }, select: { address: true, userId: true } }),
  ]);
  const enrollmentOf = new Map(enrollments.map((e) => [`${e.userId}:${e.courseId}`, e]));
  const addressOwner = new Map<string, string>(userIds.map((u) => [placeholderAddress(u), u]));
  for (const w of userWallets) addressOwner.set(getAddress(w.address), w.userId);
  const purchases = await tx.purchase.findMany({
    where: {
      courseChainId: { in: [...new Set([...targets.values()].map((t) => t.courseChainId))] },
      learner: { in: [...addressOwner.keys()] },
      status: { in: [...ACCESS_PURCHASE_STATUSES] },
    },
    select: { chainId: true, purchaseId: true, card: true, learner: true, courseChainId: true },
  });
  // the grant the exact rule would pick first: the user's latest access-granting purchase of the course
  const latest = new Map<string, (typeof purchases)[number]>();
  for (const p of purchases) {
    const userId = addressOwner.get(getAddress(p.learner));
    const courseId = courseOf.get(p.courseChainId);
    if (!userId || !courseId) continue;
    const key = `${userId}:${courseId}`;
    const best = latest.get(key);
    if (!best || p.purchaseId.greaterThan(best.purchaseId)) latest.set(key, p);
  }

  let recomputed = 0;
  for (const [key, t] of targets) {
    const existing = enrollmentOf.get(key);
    if (existing?.status === "ACTIVE" && STICKY.includes(existing.source)) continue;
    const grant = latest.get(key);
    if (
      grant &&
      existing?.status === "ACTIVE" &&
      existing.source === (grant.card ? "CARD" : "CRYPTO") &&
      existing.sourceRef === purchaseSourceRef(grant.chainId, grant.purchaseId.toFixed(0))
    ) {
      continue; // already what the exact rule derives
    }
    await recomputeEnrollment(tx, t.userId, t.courseId);
    recomputed++;
  }
  return recomputed;
}
