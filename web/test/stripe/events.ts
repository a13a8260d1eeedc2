/**
 * Signed Stripe webhook deliveries for tests. The objects come from the real fixtures
 * (checkout.session.json, charge.json), wrapped in the envelope of event.json — THE WRAPPING IS OURS:
 * the fixture source has no checkout/charge event envelopes (see test/fixtures/stripe/SOURCE.md).
 * Signatures are genuine (`stripe.webhooks.generateTestHeaderString`, HMAC-SHA256 with the secret).
 */
import { randomBytes } from "node:crypto";
import Stripe from "stripe";
import { fixture } from "./fixtures.ts";
import { stripeSchemaErrors } from "./openapi.ts";

/** A delivery as Stripe sends it: the raw JSON body and its `Stripe-Signature` header. */
export interface SignedDelivery {
  id: string;
  type: string;
  body: string;
  signature: string;
}

/** An event envelope (shape of event.json) around `object`. */
export function eventEnvelope(type: string, object: Record<string, unknown>, id?: string): Record<string, unknown> {
  return {
    ...fixture("event"),
    id: id ?? `evt_${randomBytes(12).toString("hex")}`,
    type,
    api_version: Stripe.API_VERSION,
    created: Math.floor(Date.now() / 1000),
    data: { object },
  };
}

/** The `Stripe-Signature` header for the raw body `payload`. */
export function signatureFor(payload: string, secret: string, timestamp?: number): string {
  return Stripe.webhooks.generateTestHeaderString({ payload, secret, timestamp });
}

/**
 * Signs `event` (pretty-printed like Stripe's deliveries) with `secret`, optionally at another `timestamp`
 * (seconds). Like the stub's answers, the event must validate against Stripe's schemas (envelope and the
 * object inside): a drifted test event throws here instead of passing silently.
 */
export function sign(event: Record<string, unknown>, secret: string, timestamp?: number): SignedDelivery {
  const problems = stripeSchemaErrors(event);
  if (problems.length) throw new Error(`test event violates Stripe's OpenAPI schema: ${problems.join("; ")}`);
  return signUnchecked(event, secret, timestamp);
}

/**
 * Signs Stripe's own, untouched `event.json` fixture (a `plan.created` event, whose `plan` object has no
 * extracted schema because neither the app nor the stub uses plans) — for "ignored event type" tests.
 */
export function signStripeFixtureEvent(secret: string, timestamp?: number): SignedDelivery {
  return signUnchecked(fixture("event"), secret, timestamp);
}

function signUnchecked(event: Record<string, unknown>, secret: string, timestamp?: number): SignedDelivery {
  const body = JSON.stringify(event, null, 2);
  return {
    id: String(event.id),
    type: String(event.type),
    body,
    signature: Stripe.webhooks.generateTestHeaderString({ payload: body, secret, timestamp }),
  };
}

/** What a completed session says; defaults describe a paid card checkout. */
export interface SessionFacts {
  id: string;
  paymentIntent: string;
  /** minor units */
  amountTotal: number;
  /** lower-case ISO code, e.g. "eur" */
  currency: string;
  metadata: Record<string, string>;
  paymentStatus?: "paid" | "unpaid";
}

/** checkout.session.json with the facts of one of our sessions. */
export function sessionObject(f: SessionFacts): Record<string, unknown> {
  return {
    ...fixture("checkout.session"),
    id: f.id,
    status: "complete",
    payment_status: f.paymentStatus ?? "paid",
    payment_intent: f.paymentIntent,
    amount_subtotal: f.amountTotal,
    amount_total: f.amountTotal,
    currency: f.currency,
    metadata: f.metadata,
    client_reference_id: f.metadata.userId ?? null,
  };
}

/** charge.json as refunded (fully unless `amountRefunded` is smaller). */
export function refundedCharge(f: {
  paymentIntent: string;
  amount: number;
  currency: string;
  amountRefunded?: number;
}) {
  const refunded = f.amountRefunded ?? f.amount;
  // `source` left out: the fixture (2026-07) still has it, the spec version the schemas come from does not.
  const { source: _source, ...charge } = fixture("charge");
  return {
    ...charge,
    transfer_data: null,
    id: `ch_${randomBytes(12).toString("hex")}`,
    payment_intent: f.paymentIntent,
    amount: f.amount,
    amount_captured: f.amount,
    captured: true,
    amount_refunded: refunded,
    refunded: refunded >= f.amount,
    currency: f.currency,
  };
}

/** Signed deliveries of the events of one card sale. */
export function saleEvents(secret: string, f: SessionFacts) {
  return {
    completed: (paymentStatus: "paid" | "unpaid" = "paid") =>
      sign(eventEnvelope("checkout.session.completed", sessionObject({ ...f, paymentStatus })), secret),
    asyncSucceeded: () => sign(eventEnvelope("checkout.session.async_payment_succeeded", sessionObject(f)), secret),
    asyncFailed: () =>
      sign(
        eventEnvelope("checkout.session.async_payment_failed", sessionObject({ ...f, paymentStatus: "unpaid" })),
        secret,
      ),
    refunded: (amountRefunded?: number) =>
      sign(
        eventEnvelope(
          "charge.refunded",
          refundedCharge({
            paymentIntent: f.paymentIntent,
            amount: f.amountTotal,
            currency: f.currency,
            amountRefunded,
          }),
        ),
        secret,
      ),
  };
}
