/**
 * Projection of stored chain logs onto Purchase, Enrollment and Certificate rows. Runs inside the
 * indexer's batch transaction (the same one that inserts the ChainLog rows and advances the cursor).
 *
 * Forward: {@link applyBatch} with the batch's new logs in (block, logIndex) order — purchase events
 * are folded in memory and written with one bulk upsert and one bulk status update, certificate events
 * are applied in order, and the touched enrollments are re-derived in bulk (enrollment-sync.ts).
 * Rollback (reorg / rebuild): {@link reproject} after the orphaned ChainLog rows were deleted — it
 * re-derives the affected purchases and certificates from the logs that remain.
 * Times come from the logs' block timestamps, never the wall clock, so a rebuild reproduces the rows.
 */
import { randomUUID } from "node:crypto";
import type { Prisma } from "@smolitux/db";
import { zeroAddress } from "viem";
import { resolveLearnerUser } from "../enrollment/learner-address.ts";
import { PURCHASE_STATUS, type PurchaseStatus } from "../enrollment/purchases.ts";
import { syncEnrollments, type TouchedPair } from "./enrollment-sync.ts";
import { enqueueWalletPaymentMails, type WalletPaymentFact } from "../mail/payment-mails.ts";
import { platformContracts } from "@/server/contracts.ts";
import { CERTIFICATE_EVENTS, PURCHASE_EVENTS, isProjected, parseEvent, type ProjectedEvent } from "./events.ts";

type Tx = Prisma.TransactionClient;

/** A log as stored in ChainLog. `blockTime` = its block's timestamp (null only for rows indexed before it was stored). */
export interface StoredLog {
  chainId: number;
  txHash: string;
  logIndex: number;
  blockNumber: bigint;
  blockHash: string;
  address: string;
  eventName: string;
  args: unknown;
  blockTime: Date | null;
  /** The validated event when the indexer already parsed `args` (fresh logs); re-parsed from `args` otherwise. */
  event?: ProjectedEvent;
}

const STATUS_AFTER: Record<"PurchaseRefunded" | "PurchaseReleased" | "CardPurchaseRevoked", PurchaseStatus> = {
  PurchaseRefunded: PURCHASE_STATUS.REFUNDED,
  PurchaseReleased: PURCHASE_STATUS.RELEASED,
  CardPurchaseRevoked: PURCHASE_STATUS.CARD_REVOKED,
};

/** A Purchase row as the projection writes it (decimal strings for ids and amounts). */
interface PurchaseRow {
  purchaseId: string;
  courseChainId: string;
  learner: string;
  buyer: string;
  token: string;
  amount: string;
  refundDeadline: Date | null;
  payee: string | null;
  card: boolean;
  paymentRef: string | null;
  status: string;
  txHash: string;
  createdAt: Date | null;
}

function purchaseRow(ev: ProjectedEvent, log: StoredLog): PurchaseRow | null {
  if (ev.eventName === "PurchaseRecorded") {
    const a = ev.args;
    return {
      purchaseId: a.purchaseId,
      courseChainId: a.courseId,
      learner: a.learner,
      buyer: a.buyer,
      token: a.token,
      amount: a.amount,
      refundDeadline: new Date(Number(a.refundDeadline) * 1000),
      payee: a.payee,
      card: false,
      paymentRef: null,
      status: PURCHASE_STATUS.ESCROWED,
      txHash: log.txHash,
      createdAt: log.blockTime,
    };
  }
  if (ev.eventName === "CardPurchaseRecorded") {
    const a = ev.args;
    return {
      purchaseId: a.purchaseId,
      courseChainId: a.courseId,
      learner: a.learner,
      buyer: zeroAddress,
      token: zeroAddress,
      amount: "0",
      // The card refund deadline the contract recorded (record time + the sale's window).
      refundDeadline: new Date(Number(a.refundDeadline) * 1000),
      payee: null,
      card: true,
      paymentRef: a.paymentRef,
      status: PURCHASE_STATUS.CARD,
      txHash: log.txHash,
      createdAt: log.blockTime,
    };
  }
  return null;
}

/** Inserts or overwrites `rows` (keyed by chainId + purchaseId) in one statement. */
async function upsertPurchases(tx: Tx, chainId: number, rows: PurchaseRow[]): Promise<void> {
  if (rows.length === 0) return;
  const col = <K extends keyof PurchaseRow>(k: K) => rows.map((r) => r[k]);
  await tx.$executeRaw`
    INSERT INTO "Purchase" ("id", "chainId", "purchaseId", "courseChainId", "learner", "buyer", "token", "amount",
      "refundDeadline", "payee", "card", "paymentRef", "status", "txHash", "createdAt", "updatedAt")
    SELECT v.id, ${chainId}, v.pid::numeric, v.course, v.learner, v.buyer, v.token, v.amount::numeric, v.deadline,
      v.payee, v.card, v.ref, v.status, v.tx, COALESCE(v.created, now()), now()
    FROM unnest(${rows.map(() => randomUUID())}::text[], ${col("purchaseId")}::text[], ${col("courseChainId")}::text[],
      ${col("learner")}::text[], ${col("buyer")}::text[], ${col("token")}::text[], ${col("amount")}::text[],
      ${col("refundDeadline")}::timestamp(3)[], ${col("payee")}::text[], ${col("card")}::boolean[],
      ${col("paymentRef")}::text[], ${col("status")}::text[], ${col("txHash")}::text[], ${col("createdAt")}::timestamp(3)[])
      AS v(id, pid, course, learner, buyer, token, amount, deadline, payee, card, ref, status, tx, created)
    ON CONFLICT ("chainId", "purchaseId") DO UPDATE SET
      "courseChainId" = EXCLUDED."courseChainId", "learner" = EXCLUDED."learner", "buyer" = EXCLUDED."buyer",
      "token" = EXCLUDED."token", "amount" = EXCLUDED."amount", "refundDeadline" = EXCLUDED."refundDeadline",
      "payee" = EXCLUDED."payee", "card" = EXCLUDED."card", "paymentRef" = EXCLUDED."paymentRef",
      "status" = EXCLUDED."status", "txHash" = EXCLUDED."txHash", "updatedAt" = now()`;
}

/** Sets the status of purchases recorded in earlier batches, in one statement. */
async function updateStatuses(tx: Tx, chainId: number, statuses: Map<string, string>): Promise<void> {
  if (statuses.size === 0) return;
  await tx.$executeRaw`
    UPDATE "Purchase" AS p SET "status" = v.status, "updatedAt" = now()
    FROM unnest(${[...statuses.keys()]}::text[], ${[...statuses.values()]}::text[]) AS v(pid, status)
    WHERE p."chainId" = ${chainId} AND p."purchaseId" = v.pid::numeric`;
}

async function applyCertificateEvent(tx: Tx, ev: ProjectedEvent, log: StoredLog, courses: Map<string, string | null>) {
  if (ev.eventName === "CertificateIssued") {
    const a = ev.args;
    if (!courses.has(a.courseId)) {
      const c = await tx.course.findUnique({ where: { onchainCourseId: a.courseId }, select: { id: true } });
      courses.set(a.courseId, c?.id ?? null);
    }
    const courseId = courses.get(a.courseId);
    if (!courseId) return;
    const userId = await resolveLearnerUser(tx, a.learner, courseId);
    if (!userId) return;
    await tx.certificate.updateMany({
      where: { userId, courseId },
      data: { tokenId: a.tokenId, ownerAddress: a.learner, status: "ISSUED", revokedAt: null },
    });
  } else if (ev.eventName === "CertificateRevoked") {
    await tx.certificate.updateMany({
      where: { tokenId: ev.args.tokenId, status: { not: "REVOKED" } },
      // block time: a rebuild writes the same instant (the wall clock only for legacy rows without one)
      data: { status: "REVOKED", revokedAt: log.blockTime ?? new Date(0) },
    });
  }
}

/**
 * Applies `logs` (one batch, in (block, logIndex) order) to the projection. Idempotent.
 * @param afterLog test hook called after each log is folded (throw to simulate a crash mid-batch)
 * @returns number of enrollments recomputed
 */
export async function applyBatch(
  tx: Tx,
  chainId: number,
  logs: readonly StoredLog[],
  afterLog?: (applied: number) => void,
): Promise<number> {
  const created = new Map<string, PurchaseRow>();
  const statusOnly = new Map<string, string>();
  const touched = new Map<string, TouchedPair>();
  const courses = new Map<string, string | null>();
  const mails: WalletPaymentFact[] = [];
  let applied = 0;
  const flushPurchases = async () => {
    await upsertPurchases(tx, chainId, [...created.values()]);
    await updateStatuses(tx, chainId, statusOnly);
    created.clear();
    statusOnly.clear();
  };
  for (const log of logs) {
    if (isProjected(log.eventName)) {
      const ev = log.event ?? parseEvent(log.eventName, log.args);
      const row = purchaseRow(ev, log);
      if (ev.eventName === "PurchaseRecorded" || ev.eventName === "PurchaseRefunded") {
        mails.push({
          kind: ev.eventName === "PurchaseRecorded" ? "PURCHASE_RECEIPT" : "REFUND_CONFIRMATION",
          purchaseId: ev.args.purchaseId,
          txHash: log.txHash,
          at: log.blockTime,
        });
      }
      if (row) {
        created.set(row.purchaseId, row);
        statusOnly.delete(row.purchaseId);
      } else if (
        ev.eventName === "PurchaseRefunded" ||
        ev.eventName === "PurchaseReleased" ||
        ev.eventName === "CardPurchaseRevoked"
      ) {
        const row = created.get(ev.args.purchaseId);
        if (row) row.status = STATUS_AFTER[ev.eventName];
        else statusOnly.set(ev.args.purchaseId, STATUS_AFTER[ev.eventName]);
      } else {
        // certificate rows read purchases/enrollments only through their own events: keep order anyway
        await flushPurchases();
        await applyCertificateEvent(tx, ev, log, courses);
      }
      if ("purchaseId" in ev.args) {
        const key = `${ev.args.learner}:${ev.args.courseId}`;
        const card = ev.eventName === "CardPurchaseRecorded" || ev.eventName === "CardPurchaseRevoked";
        touched.set(key, {
          learner: ev.args.learner,
          courseChainId: ev.args.courseId,
          card: card || (touched.get(key)?.card ?? false),
        });
      }
    }
    afterLog?.(++applied);
  }
  await flushPurchases();
  const recomputed = await syncEnrollments(tx, [...touched.values()]);
  await enqueueWalletPaymentMails(tx, chainId, mails, esnTokenOf(chainId));
  return recomputed;
}

/** The ESN token address on `chainId`, or null when the generated module has no deployment for it. */
function esnTokenOf(chainId: number): string | null {
  try {
    return platformContracts(chainId).ESNToken.address;
  } catch {
    return null;
  }
}

type LogRow = StoredLog;

/**
 * Re-derives the projection of the purchases and certificates mentioned by `removed` logs (already
 * deleted from ChainLog) from the logs that remain, and re-derives the affected enrollments.
 */
export async function reproject(tx: Tx, chainId: number, removed: readonly StoredLog[]): Promise<void> {
  const pairs = new Map<string, TouchedPair>();
  const purchaseIds = new Set<string>();
  const tokenIds = new Set<string>();
  for (const log of removed) {
    if (!isProjected(log.eventName)) continue;
    const ev = parseEvent(log.eventName, log.args);
    if ("purchaseId" in ev.args) {
      purchaseIds.add(ev.args.purchaseId);
      const key = `${ev.args.learner}:${ev.args.courseId}`;
      const card = ev.eventName === "CardPurchaseRecorded" || ev.eventName === "CardPurchaseRevoked";
      pairs.set(key, {
        learner: ev.args.learner,
        courseChainId: ev.args.courseId,
        card: card || (pairs.get(key)?.card ?? false),
      });
    } else tokenIds.add(ev.args.tokenId);
  }
  const remaining: LogRow[] = [];
  if (purchaseIds.size > 0) {
    const ids = [...purchaseIds];
    await tx.purchase.deleteMany({ where: { chainId, purchaseId: { in: ids } } });
    remaining.push(
      ...(await tx.$queryRaw<LogRow[]>`
      SELECT "chainId", "txHash", "logIndex", "blockNumber", "blockHash", "address", "eventName", "args", "blockTime"
      FROM "ChainLog"
      WHERE "chainId" = ${chainId} AND "eventName" = ANY(${[...PURCHASE_EVENTS]}) AND "args"->>'purchaseId' = ANY(${ids})`),
    );
  }
  if (tokenIds.size > 0) {
    const ids = [...tokenIds];
    await tx.certificate.updateMany({
      where: { tokenId: { in: ids }, status: { in: ["ISSUED", "REVOKED"] } },
      data: { status: "MINTING", tokenId: null, ownerAddress: null, revokedAt: null },
    });
    remaining.push(
      ...(await tx.$queryRaw<LogRow[]>`
      SELECT "chainId", "txHash", "logIndex", "blockNumber", "blockHash", "address", "eventName", "args", "blockTime"
      FROM "ChainLog"
      WHERE "chainId" = ${chainId} AND "eventName" = ANY(${[...CERTIFICATE_EVENTS]}) AND "args"->>'tokenId' = ANY(${ids})`),
    );
  }
  remaining.sort((a, b) =>
    a.blockNumber === b.blockNumber ? a.logIndex - b.logIndex : a.blockNumber < b.blockNumber ? -1 : 1,
  );
  await applyBatch(tx, chainId, remaining);
  // pairs whose every purchase log was removed: their enrollment must be re-derived too
  await syncEnrollments(tx, [...pairs.values()]);
}
