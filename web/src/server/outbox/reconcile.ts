/**
 * Reconciles the outbox with the chain after the chain lost transactions it had mined: a restarted local
 * Hardhat node (the dev stack's chain keeps no state between runs) or a reorg deeper than the finality
 * rule assumed. Platform-signed transactions are the platform's own facts (listings, card sales,
 * certificates), so the remedy is to send them again: rows whose transaction the chain does not know
 * go back to PENDING, in their original order, and the sender assigns fresh nonces.
 *
 * Cheap in the normal case: per signer, only the newest CONFIRMED row is looked up; the full scan runs
 * only when that one is missing.
 */
import type { PrismaClient } from "@smolitux/db";
import type { Hex, PublicClient } from "viem";

/** What {@link reconcileOutboxWithChain} reset, per signer address. */
export type ReconcileSummary = Record<string, number>;

async function known(client: PublicClient, hash: string): Promise<boolean> {
  try {
    await client.getTransactionReceipt({ hash: hash as Hex });
    return true;
  } catch (err) {
    if (err instanceof Error && err.name === "TransactionReceiptNotFoundError") return false;
    throw err; // RPC down: do not guess
  }
}

/**
 * Resets to PENDING every SENT/CONFIRMED row of a signer whose newest CONFIRMED transaction the chain
 * no longer knows (chain reset). Run it for ONE signer (`onlySigner`) while holding that signer's
 * sender lock, before its first tick (worker/outbox-loops.ts): then it never touches the rows of a
 * sender that is live in another process. Without `onlySigner` it covers every signer (tools/tests).
 * @returns the number of rows reset per signer (empty when the chain still has everything)
 * @throws the RPC error when the chain cannot be asked
 */
export async function reconcileOutboxWithChain(
  db: PrismaClient,
  client: PublicClient,
  onlySigner?: string,
): Promise<ReconcileSummary> {
  const signers = await db.outboxTx.findMany({
    where: { status: "CONFIRMED", txHash: { not: null }, ...(onlySigner ? { signer: onlySigner } : {}) },
    distinct: ["signer"],
    select: { signer: true },
  });
  const summary: ReconcileSummary = {};
  for (const { signer } of signers) {
    const newest = await db.outboxTx.findFirst({
      where: { signer, status: "CONFIRMED", txHash: { not: null } },
      orderBy: [{ nonce: "desc" }, { updatedAt: "desc" }],
      select: { txHash: true },
    });
    if (!newest?.txHash || (await known(client, newest.txHash))) continue;
    const reset = await db.outboxTx.updateMany({
      where: { signer, status: { in: ["SENT", "CONFIRMED"] } },
      data: {
        status: "PENDING",
        nonce: null,
        txHash: null,
        rawTx: null,
        txHashes: [],
        sentAt: null,
        blockNumber: null,
        lastError: null,
      },
    });
    summary[signer] = reset.count;
  }
  return summary;
}
