/**
 * The Stripe integration: one API client per process, configured from env. Card checkout is enabled
 * when `CARD_PAYMENTS=true`, or when it is unset and `STRIPE_SECRET_KEY` is set (env.ts then also
 * requires `STRIPE_WEBHOOK_SECRET`). `STRIPE_API_BASE` points the client at a local HTTP stub
 * (tests/dev only; refused in production). Keys have no defaults and are never logged.
 */
import Stripe from "stripe";
import { env, type Env } from "./env.ts";

export type { Stripe };

/** The Stripe settings of {@link Env}. */
export type StripeEnv = Pick<Env, "CARD_PAYMENTS" | "STRIPE_SECRET_KEY" | "STRIPE_WEBHOOK_SECRET" | "STRIPE_API_BASE"> &
  Partial<Pick<Env, "OFFLINE_MODE">>;

/** Thrown when card payments are used while they are not configured. */
export class CardPaymentsDisabledError extends Error {
  constructor() {
    super("Card payments are disabled: set STRIPE_SECRET_KEY and STRIPE_WEBHOOK_SECRET (or CARD_PAYMENTS=false)");
    this.name = "CardPaymentsDisabledError";
  }
}

/** Whether card checkout is available under `e`. */
export function cardPaymentsEnabled(e: StripeEnv = env()): boolean {
  if (e.OFFLINE_MODE === true) return false; // offline mode: never (env.ts also refuses Stripe keys)
  return (e.CARD_PAYMENTS ?? e.STRIPE_SECRET_KEY !== undefined) && e.STRIPE_SECRET_KEY !== undefined;
}

/**
 * A new Stripe client for `e` (pinned to the SDK's API version; 2 network retries, which are safe
 * because every POST we send carries an idempotency key).
 * @throws CardPaymentsDisabledError when card payments are disabled or the key is missing
 */
export function createStripeClient(e: StripeEnv): Stripe {
  if (!cardPaymentsEnabled(e) || e.STRIPE_SECRET_KEY === undefined) throw new CardPaymentsDisabledError();
  const config: ConstructorParameters<typeof Stripe>[1] = {
    apiVersion: Stripe.API_VERSION,
    maxNetworkRetries: 2,
    timeout: 20_000,
    telemetry: false,
    typescript: true,
  };
  if (e.STRIPE_API_BASE !== undefined) {
    const base = new URL(e.STRIPE_API_BASE);
    config.host = base.hostname;
    config.port = base.port || (base.protocol === "https:" ? 443 : 80);
    config.protocol = base.protocol === "https:" ? "https" : "http";
  }
  return new Stripe(e.STRIPE_SECRET_KEY, config);
}

const globalForStripe = globalThis as unknown as { smolituxStripe?: Stripe };

/**
 * The process-wide Stripe client.
 * @throws CardPaymentsDisabledError when card payments are not configured
 */
export function stripe(): Stripe {
  globalForStripe.smolituxStripe ??= createStripeClient(env());
  return globalForStripe.smolituxStripe;
}

/**
 * The webhook signing secret.
 * @throws CardPaymentsDisabledError when it is not configured
 */
export function stripeWebhookSecret(e: StripeEnv = env()): string {
  if (!cardPaymentsEnabled(e) || e.STRIPE_WEBHOOK_SECRET === undefined) throw new CardPaymentsDisabledError();
  return e.STRIPE_WEBHOOK_SECRET;
}
