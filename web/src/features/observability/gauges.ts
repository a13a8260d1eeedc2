/**
 * Platform gauges for `GET /api/metrics`, computed at scrape time from PostgreSQL (shared by all replicas,
 * so every web replica reports the same values: aggregate with `max` in PromQL) and from the chain for the
 * indexer lag. Each function returns samples for server/metrics.ts's `registerGauge`.
 */
import type { PrismaClient } from "@smolitux/db";
import type { GaugeSample } from "@/server/metrics";

/** Reads the chain needs for the indexer lag: the indexer's final head and block timestamps. */
export interface LagChain {
  /** Highest block the indexer may read under its finality rule (INDEXER_CONFIRMATIONS / `finalized`). */
  finalHead(): Promise<bigint>;
  /** Block timestamp in seconds. */
  blockTime(blockNumber: bigint): Promise<bigint>;
}

/**
 * Indexer lag of the stream `indexer:<chainId>`: final head − cursor in blocks and in seconds of block
 * time. No cursor yet = lag from block 0. Empty when the chain is disabled (offline mode).
 */
export async function indexerLag(
  db: PrismaClient,
  chainId: number,
  chain: LagChain,
): Promise<{ blocks: GaugeSample[]; seconds: GaugeSample[] }> {
  const cursor = await db.chainCursor.findUnique({
    where: { name: `indexer:${chainId}` },
    select: { blockNumber: true },
  });
  const head = await chain.finalHead();
  const at = cursor?.blockNumber ?? 0n;
  const behind = head > at ? head - at : 0n;
  const seconds = behind === 0n ? 0n : (await chain.blockTime(head)) - (await chain.blockTime(at));
  const labels = { chain_id: String(chainId) };
  return {
    blocks: [{ labels, value: Number(behind) }],
    seconds: [{ labels, value: Number(seconds > 0n ? seconds : 0n) }],
  };
}

/** Outbox rows per signer and status (PENDING/SENT are the queue; FAILED needs an operator). */
export async function outboxDepth(db: PrismaClient): Promise<GaugeSample[]> {
  const rows = await db.outboxTx.groupBy({ by: ["signer", "status"], _count: { _all: true } });
  return rows.map((r) => ({ labels: { signer: r.signer, status: r.status }, value: r._count._all }));
}

/** Age in seconds of the oldest unconfirmed (PENDING or SENT) outbox row per signer. */
export async function outboxOldestAge(db: PrismaClient, now: Date): Promise<GaugeSample[]> {
  const rows = await db.outboxTx.groupBy({
    by: ["signer"],
    where: { status: { in: ["PENDING", "SENT"] } },
    _min: { createdAt: true },
  });
  return rows.map((r) => ({
    labels: { signer: r.signer },
    value: r._min.createdAt ? Math.max(0, (now.getTime() - r._min.createdAt.getTime()) / 1000) : 0,
  }));
}

/** Stored Stripe webhook events by type and outcome (`processed`, `pending`, or `failed` = stored as failed). */
export async function webhookEvents(db: PrismaClient): Promise<GaugeSample[]> {
  const rows = await db.$queryRaw<{ type: string; outcome: string; n: bigint }[]>`
    SELECT "type",
      CASE WHEN "error" IS NOT NULL THEN 'failed' WHEN "processedAt" IS NULL THEN 'pending' ELSE 'processed' END AS outcome,
      count(*) AS n
    FROM "StripeEvent" GROUP BY 1, 2`;
  return rows.map((r) => ({ labels: { type: r.type, outcome: r.outcome }, value: Number(r.n) }));
}

/** Certificates per status (PENDING, CLAIMABLE, MINTING are the queue). */
export async function certificateQueue(db: PrismaClient): Promise<GaugeSample[]> {
  const rows = await db.certificate.groupBy({ by: ["status"], _count: { _all: true } });
  return rows.map((r) => ({ labels: { status: r.status }, value: r._count._all }));
}

/**
 * Payment problems (issue 10 §2, the admin's list): card payments with a problem by kind and status
 * (auto-refunded or still refunding), plus correctly signed Stripe events stored as failed.
 */
export async function paymentProblems(db: PrismaClient): Promise<GaugeSample[]> {
  const [payments, failedEvents] = await Promise.all([
    db.cardPayment.groupBy({ by: ["problem", "status"], where: { problem: { not: null } }, _count: { _all: true } }),
    db.stripeEvent.count({ where: { error: { not: null } } }),
  ]);
  return [
    ...payments.map((r) => ({ labels: { kind: String(r.problem), status: r.status }, value: r._count._all })),
    { labels: { kind: "failed_webhook_event", status: "stored" }, value: failedEvents },
  ];
}
