/**
 * Signed Stripe webhook deliveries for tests. The objects come from the real fixtures
 * (checkout.session.json, charge.json), wrapped in the envelope of event.json — THE WRAPPING IS OURS:
 * the fixture source has no checkout/charge event envelopes (see test/fixtures/stripe/SOURCE.md).
 * Signatures are genuine (`stripe.webhooks.generateTestHeaderString`, HMAC-SHA256 with the secret).
 */
import { randomBytes } from "node:crypto";
import Stripe from "stripe";
import { fixture } from "./fixtures.ts";

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

/** Signs `event` (pretty-printed like Stripe's deliveries) with `secret`, optionally at another `timestamp` (seconds). */
export function sign(event: Record<string, unknown>, secret: string, timestamp?: number): SignedDelivery {
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
  return {
    ...fixture("charge"),
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
