/**
 * Worker loop `card-settle` (registered in src/worker/main.ts): runs {@link settleCardPayments} — automatic
 * refunds and the timeouts of every intermediate card state. No loop when card payments are disabled.
 * One runner across all replicas (advisory lock `card-settle:<chainId>`).
 */
import type { PrismaClient } from "@smolitux/db";
import type { Env } from "@/server/env.ts";
import { platformContracts } from "@/server/contracts.ts";
import { signerAddress } from "@/server/keys.ts";
import { cardPaymentsEnabled, createStripeClient } from "@/server/stripe.ts";
import type { CardLogger } from "./deps.ts";
import { settleCardPayments } from "./settle.ts";

/** The subset of the worker context this loop uses (structurally compatible with WorkerContext). */
export interface CardSettleContext {
  env: Env;
  db: PrismaClient;
  log: CardLogger & { child(name: string): CardLogger };
}

/** The card settle loop, or none when card payments are off. */
export function cardSettleLoops(ctx: CardSettleContext) {
  const { env } = ctx;
  if (!cardPaymentsEnabled(env)) return [];
  const log = ctx.log.child("card-settle");
  const deps = {
    db: ctx.db,
    stripe: createStripeClient(env),
    log,
    outbox: {
      contracts: platformContracts(env.CHAIN_ID),
      signerOf: (role: Parameters<typeof signerAddress>[0]) => signerAddress(role, env),
    },
  };
  return [
    {
      name: "card-settle",
      lockKey: `card-settle:${env.CHAIN_ID}`,
      intervalMs: env.CARD_SETTLE_INTERVAL_MS,
      async tick() {
        const s = await settleCardPayments(deps, {
          recordTimeoutSeconds: env.CARD_RECORD_TIMEOUT_SECONDS,
          checkoutTimeoutSeconds: env.CARD_CHECKOUT_TIMEOUT_SECONDS,
        });
        if (Object.values(s).some((n) => n > 0)) log.info("card payments settled", { ...s });
        return s;
      },
    },
  ];
}
