/** Read model of one outbox row for the UI (progress of a platform-signed transaction). */
import type { OutboxStatus } from "@smolitux/db";
import type { OutboxDb } from "./enqueue.ts";

/** What the UI shows about one outbox transaction. */
export interface OutboxStatusView {
  idempotencyKey: string;
  kind: string;
  /** PENDING (queued) → SENT (signed with a nonce, broadcast) → CONFIRMED (final) | FAILED. */
  status: OutboxStatus;
  /** Latest attempt (or the mined one), null before signing. */
  txHash: string | null;
  /** Number of signed attempts (1 + replacements). */
  attempts: number;
  /** Last error: a decoded revert such as `CourseMarketplacePaymentRefUsed(0x…)`, or a transport error. */
  lastError: string | null;
  /** Custom error name of a FAILED row's revert (for mapping to an API error code), else null. */
  errorName: string | null;
  /** Block that includes the transaction, null until mined. */
  blockNumber: bigint | null;
  /** Blocks including the transaction's own (1 = just mined); only when a chain reader is given and mined. */
  confirmations?: number;
}

/**
 * The status of the outbox row stored under `idempotencyKey`, or null when there is none.
 * @param chain optional reader of the current block number, to compute `confirmations`
 */
export async function outboxStatus(
  db: OutboxDb,
  idempotencyKey: string,
  chain?: { getBlockNumber(): Promise<bigint> },
): Promise<OutboxStatusView | null> {
  const row = await db.outboxTx.findUnique({
    where: { idempotencyKey },
    select: {
      idempotencyKey: true,
      kind: true,
      status: true,
      txHash: true,
      attempts: true,
      lastError: true,
      blockNumber: true,
    },
  });
  if (!row) return null;
  const errorName =
    row.status === "FAILED" && row.lastError ? (/^([A-Za-z_]\w*)\(/.exec(row.lastError)?.[1] ?? null) : null;
  const view: OutboxStatusView = { ...row, errorName };
  if (chain && row.blockNumber !== null) {
    const latest = await chain.getBlockNumber();
    view.confirmations = latest >= row.blockNumber ? Number(latest - row.blockNumber + 1n) : 0;
  }
  return view;
}
