/**
 * Worker loop `connect-transfers` (registered in src/worker/main.ts): runs {@link runTransferPass} —
 * provider payouts of card sales whose refund window ended on chain, and reversals after refunds. No
 * loop when card payments are disabled. One runner across all replicas (advisory lock
 * `connect-transfers:<chainId>`).
 */
import type { PrismaClient } from "@smolitux/db";
import type { PublicClient } from "viem";
import type { Env } from "@/server/env.ts";
import { cardPaymentsEnabled, createStripeClient } from "@/server/stripe.ts";
import type { CardLogger } from "../checkout/card/deps.ts";
import { runTransferPass } from "./transfers.ts";

/** The subset of the worker context this loop uses (structurally compatible with WorkerContext). */
export interface TransferLoopContext {
  env: Env;
  db: PrismaClient;
  client: Pick<PublicClient, "getBlock">;
  log: CardLogger & { child(name: string): CardLogger };
}

/** The provider-transfer loop, or none when card payments are off. */
export function connectTransferLoops(ctx: TransferLoopContext) {
  const { env } = ctx;
  if (!cardPaymentsEnabled(env)) return [];
  const log = ctx.log.child("connect-transfers");
  const deps = {
    db: ctx.db,
    stripe: createStripeClient(env),
    log,
    chainId: env.CHAIN_ID,
    chainTime: async () => (await ctx.client.getBlock({ blockTag: "latest" })).timestamp,
    platformFeeBps: env.CONNECT_PLATFORM_FEE_BPS,
    maxAttempts: env.CONNECT_TRANSFER_MAX_ATTEMPTS,
  };
  return [
    {
      name: "connect-transfers",
      lockKey: `connect-transfers:${env.CHAIN_ID}`,
      intervalMs: env.CONNECT_TRANSFER_INTERVAL_MS,
      async tick() {
        const s = await runTransferPass(deps);
        if (Object.values(s).some((n) => n > 0)) log.info("provider transfers", { ...s });
        return s;
      },
    },
  ];
}
