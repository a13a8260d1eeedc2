/**
 * Registers the platform gauges of {@link ./gauges.ts} with the process registry (once per process).
 * Dependencies are passed in; a failing collector (database or RPC down) leaves its gauge empty for that
 * scrape and logs why, so the scrape itself still answers.
 */
import type { PrismaClient } from "@smolitux/db";
import type { PublicClient } from "viem";
import { registerGauge } from "@/server/metrics";
import { lastFinalBlock, type Finality } from "@/server/outbox/finality";
import {
  certificateQueue,
  indexerLag,
  outboxDepth,
  outboxOldestAge,
  paymentProblems,
  webhookEvents,
  type LagChain,
} from "./gauges";

/** What the gauges read. `client` is absent when the chain is disabled (offline mode). */
export interface PlatformGaugeDeps {
  db: PrismaClient;
  chainId: number;
  client?: Pick<PublicClient, "getBlock" | "getBlockNumber">;
  finality: Finality;
  onError(gauge: string, err: unknown): void;
}

/** Registers every platform gauge; later calls in the same process do nothing. */
export function registerPlatformGauges(deps: PlatformGaugeDeps): void {
  const { db, chainId, client, finality } = deps;
  const onError = (name: string) => (err: unknown) => deps.onError(name, err);
  if (client) {
    const chain: LagChain = {
      finalHead: () => lastFinalBlock(client, finality),
      blockTime: async (blockNumber) => (await client.getBlock({ blockNumber })).timestamp,
    };
    let pending: ReturnType<typeof indexerLag> | undefined;
    // Both lag gauges come from one read per scrape.
    const lag = () =>
      (pending ??= indexerLag(db, chainId, chain).finally(() => setTimeout(() => (pending = undefined), 1_000)));
    registerGauge(
      "smolitux_indexer_lag_blocks",
      "Final chain head minus the indexer cursor, in blocks",
      ["chain_id"],
      async () => (await lag()).blocks,
      onError("indexer_lag"),
    );
    registerGauge(
      "smolitux_indexer_lag_seconds",
      "Block time between the indexer cursor and the final chain head, in seconds",
      ["chain_id"],
      async () => (await lag()).seconds,
      onError("indexer_lag"),
    );
  }
  registerGauge(
    "smolitux_outbox_queue_depth",
    "Outbox transactions per signer role and status",
    ["signer", "status"],
    () => outboxDepth(db),
    onError("outbox_depth"),
  );
  registerGauge(
    "smolitux_outbox_oldest_age_seconds",
    "Age of the oldest unconfirmed outbox transaction per signer role, in seconds",
    ["signer"],
    () => outboxOldestAge(db, new Date()),
    onError("outbox_age"),
  );
  registerGauge(
    "smolitux_webhook_events",
    "Stored Stripe webhook events by type and outcome",
    ["type", "outcome"],
    () => webhookEvents(db),
    onError("webhook_events"),
  );
  registerGauge(
    "smolitux_certificate_queue",
    "Certificates by status",
    ["status"],
    () => certificateQueue(db),
    onError("certificate_queue"),
  );
  registerGauge(
    "smolitux_payment_problems",
    "Card payments with a problem (auto-refunded or refunding) by kind and status, and failed signed Stripe events",
    ["kind", "status"],
    () => paymentProblems(db),
    onError("payment_problems"),
  );
}
