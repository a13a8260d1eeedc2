/** Default dependencies of the card services for route handlers (process-wide db, env, Stripe client). */
import { registerPlaceholderAddress } from "@/features/enrollment/learner-address.ts";
import { platformContracts } from "@/server/contracts.ts";
import { db } from "@/server/db.ts";
import { env } from "@/server/env.ts";
import { signerAddress } from "@/server/keys.ts";
import { stripe, stripeWebhookSecret } from "@/server/stripe.ts";
import { jsonLogger, type CardDeps } from "./deps.ts";

/**
 * The card services' dependencies from the process environment.
 * @throws CardPaymentsDisabledError when card payments are not configured
 * @throws NoDeploymentError when CHAIN_ID has no deployed contracts
 */
export function cardDeps(): CardDeps {
  const e = env();
  return {
    db: db(),
    stripe: stripe(),
    appUrl: e.APP_URL.replace(/\/+$/, ""),
    webhookSecret: stripeWebhookSecret(e),
    outbox: { contracts: platformContracts(e.CHAIN_ID), signerOf: (role) => signerAddress(role, e) },
    // Card sales are recorded against the user's stable address, never a wallet (linking/unlinking never moves them).
    // Registered (LearnerAddress) so the indexer maps it back with a primary-key lookup.
    learnerAddress: (tx, userId) => registerPlaceholderAddress(tx, userId),
    log: jsonLogger,
    platformFeeBps: e.CONNECT_PLATFORM_FEE_BPS,
  };
}
