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
