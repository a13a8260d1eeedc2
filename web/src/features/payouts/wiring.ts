/** Default dependencies of the Connect services for route handlers (process-wide db, env, Stripe client). */
import { db } from "@/server/db.ts";
import { env } from "@/server/env.ts";
import { stripe } from "@/server/stripe.ts";
import { jsonLogger } from "../checkout/card/deps.ts";
import type { ConnectDeps } from "./connect.ts";

/**
 * The Connect services' dependencies from the process environment.
 * @throws CardPaymentsDisabledError when Stripe is not configured
 */
export function connectDeps(): ConnectDeps {
  return { db: db(), stripe: stripe(), appUrl: env().APP_URL.replace(/\/+$/, ""), log: jsonLogger };
}

/**
 * The chain's latest block time (refund windows end in chain time); the wall clock when the RPC fails.
 * @param client a viem client (`getBlock`)
 */
export async function chainNow(client: {
  getBlock(a: { blockTag: "latest" }): Promise<{ timestamp: bigint }>;
}): Promise<Date> {
  try {
    return new Date(Number((await client.getBlock({ blockTag: "latest" })).timestamp) * 1000);
  } catch {
    return new Date();
  }
}
