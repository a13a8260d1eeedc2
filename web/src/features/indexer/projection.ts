/**
 * Projection of stored chain logs onto Purchase, Enrollment and Certificate rows. Runs inside the
 * indexer's batch transaction (the same one that inserts the ChainLog rows and advances the cursor).
 *
 * Forward: {@link applyLog} per new log, in (block, logIndex) order, then {@link Touched.flush}.
 * Rollback (reorg / rebuild): {@link reproject} after the orphaned ChainLog rows were deleted — it
 * re-derives the affected purchases and certificates from the logs that remain.
 */
import type { Prisma } from "@smolitux/db";
import { resolveLearnerUser } from "../enrollment/learner-address.ts";
import { PURCHASE_STATUS, type PurchaseStatus } from "../enrollment/purchases.ts";
import { recomputeEnrollment } from "../enrollment/service.ts";
import { CERTIFICATE_EVENTS, PURCHASE_EVENTS, isProjected, parseEvent, type ProjectedEvent } from "./events.ts";

type Tx = Prisma.TransactionClient;

/** A log as stored in ChainLog. */
export interface StoredLog {
  chainId: number;
  txHash: string;
  logIndex: number;
  blockNumber: bigint;
  blockHash: string;
  address: string;
  eventName: string;
  args: unknown;
}

const STATUS_AFTER: Record<
  Exclude<ProjectedEvent["eventName"], "PurchaseRecorded" | "CertificateIssued" | "CertificateRevoked">,
  PurchaseStatus
> = {
  PurchaseRefunded: PURCHASE_STATUS.REFUNDED,
  PurchaseReleased: PURCHASE_STATUS.RELEASED,
  CardPurchaseRevoked: PURCHASE_STATUS.CARD_REVOKED,
};

/** (learner address, course bytes32) pairs whose enrollment must be re-derived at the end of a batch. */
export class Touched {
  private readonly pairs = new Map<string, { learner: string; courseChainId: string }>();
  private readonly courses = new Map<string, string | null>();

  add(learner: string, courseChainId: string): void {
    this.pairs.set(`${learner}:${courseChainId}`, { learner, courseChainId });
  }

  /** Course id for a bytes32 course id (cached per batch), or null for a course this database does not know. */
  async courseId(tx: Tx, courseChainId: string): Promise<string | null> {
    if (!this.courses.has(courseChainId)) {
      const c = await tx.course.findUnique({ where: { onchainCourseId: courseChainId }, select: { id: true } });
      this.courses.set(courseChainId, c?.id ?? null);
    }
    return this.courses.get(courseChainId) ?? null;
  }

  /** Re-derives the enrollment of every touched pair whose learner and course are known. @returns pairs recomputed */
  async flush(tx: Tx): Promise<number> {
    let n = 0;
    for (const { learner, courseChainId } of this.pairs.values()) {
      const courseId = await this.courseId(tx, courseChainId);
      if (!courseId) continue;
      const userId = await resolveLearnerUser(tx, learner, courseId);
      if (!userId) continue;
      await recomputeEnrollment(tx, userId, courseId);
      n++;
    }
    this.pairs.clear();
    return n;
  }
}

/** Applies one stored log to the projection (idempotent: upserts and status updates). */
export async function applyLog(tx: Tx, log: StoredLog, touched: Touched): Promise<void> {
  if (!isProjected(log.eventName)) return;
  const ev = parseEvent(log.eventName, log.args);
  const chainId = log.chainId;
  switch (ev.eventName) {
    case "PurchaseRecorded": {
      const a = ev.args;
      const data = {
        courseChainId: a.courseId,
        learner: a.learner,
        buyer: a.buyer,
        token: a.token,
        amount: a.amount,
        refundDeadline: a.refundDeadline === "0" ? null : new Date(Number(a.refundDeadline) * 1000),
        card: a.card,
        paymentRef: a.card ? a.paymentRef : null,
        status: a.card ? PURCHASE_STATUS.CARD : PURCHASE_STATUS.ESCROWED,
        txHash: log.txHash,
      };
      await tx.purchase.upsert({
        where: { chainId_purchaseId: { chainId, purchaseId: a.purchaseId } },
        create: { chainId, purchaseId: a.purchaseId, ...data },
        update: data,
      });
      touched.add(a.learner, a.courseId);
      return;
    }
    case "PurchaseRefunded":
    case "PurchaseReleased":
    case "CardPurchaseRevoked":
      await tx.purchase.updateMany({
        where: { chainId, purchaseId: ev.args.purchaseId },
        data: { status: STATUS_AFTER[ev.eventName] },
      });
      touched.add(ev.args.learner, ev.args.courseId);
      return;
    case "CertificateIssued": {
      const courseId = await touched.courseId(tx, ev.args.courseId);
      if (!courseId) return;
      const userId = await resolveLearnerUser(tx, ev.args.learner, courseId);
      if (!userId) return;
      await tx.certificate.updateMany({
        where: { userId, courseId },
        data: { tokenId: ev.args.tokenId, ownerAddress: ev.args.learner, status: "ISSUED", revokedAt: null },
      });
      return;
    }
    case "CertificateRevoked":
      await tx.certificate.updateMany({
        where: { tokenId: ev.args.tokenId, status: { not: "REVOKED" } },
        data: { status: "REVOKED", revokedAt: new Date() },
      });
      return;
  }
}

interface LogRow {
  chainId: number;
  txHash: string;
  logIndex: number;
  blockNumber: bigint;
  blockHash: string;
  address: string;
  eventName: string;
  args: unknown;
}

/**
 * Re-derives the projection of the purchases and certificates mentioned by `removed` logs (already
 * deleted from ChainLog) from the logs that remain, and re-derives the affected enrollments.
 */
export async function reproject(tx: Tx, chainId: number, removed: readonly StoredLog[]): Promise<void> {
  const touched = new Touched();
  const purchaseIds = new Set<string>();
  const tokenIds = new Set<string>();
  for (const log of removed) {
    if (!isProjected(log.eventName)) continue;
    const ev = parseEvent(log.eventName, log.args);
    if ("purchaseId" in ev.args) {
      purchaseIds.add(ev.args.purchaseId);
      touched.add(ev.args.learner, ev.args.courseId);
    } else tokenIds.add(ev.args.tokenId);
  }
  if (purchaseIds.size > 0) {
    const ids = [...purchaseIds];
    await tx.purchase.deleteMany({ where: { chainId, purchaseId: { in: ids } } });
    const remaining = await tx.$queryRaw<LogRow[]>`
      SELECT "chainId", "txHash", "logIndex", "blockNumber", "blockHash", "address", "eventName", "args"
      FROM "ChainLog"
      WHERE "chainId" = ${chainId} AND "eventName" = ANY(${[...PURCHASE_EVENTS]}) AND "args"->>'purchaseId' = ANY(${ids})
      ORDER BY "blockNumber", "logIndex"`;
    for (const log of remaining) await applyLog(tx, log, touched);
  }
  if (tokenIds.size > 0) {
    const ids = [...tokenIds];
    await tx.certificate.updateMany({
      where: { tokenId: { in: ids }, status: { in: ["ISSUED", "REVOKED"] } },
      data: { status: "MINTING", tokenId: null, ownerAddress: null, revokedAt: null },
    });
    const remaining = await tx.$queryRaw<LogRow[]>`
      SELECT "chainId", "txHash", "logIndex", "blockNumber", "blockHash", "address", "eventName", "args"
      FROM "ChainLog"
      WHERE "chainId" = ${chainId} AND "eventName" = ANY(${[...CERTIFICATE_EVENTS]}) AND "args"->>'tokenId' = ANY(${ids})
      ORDER BY "blockNumber", "logIndex"`;
    for (const log of remaining) await applyLog(tx, log, touched);
  }
  await touched.flush(tx);
}
