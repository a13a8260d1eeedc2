/**
 * Webhook event handlers, one per Stripe event type, each running inside the transaction that stored
 * the event. Out-of-order delivery: every handler serializes on the payment intent
 * (`pg_advisory_xact_lock`), and a completion first looks for a full refund of the same payment
 * intent among the stored events — a refund delivered before the completion marks the payment
 * REFUNDED and nothing is ever recorded on-chain. A refund after fulfilment enqueues the revocation.
 */
import { keccak256, stringToBytes, type Address, type Hex } from "viem";
import type { CardPayment, Prisma } from "@smolitux/db";
import { enqueue, recordCardPurchase, revokeCardPurchase } from "@/server/outbox/index.ts";
import type { CardLogger, OutboxDeps } from "./deps.ts";
import { stripeChargeSchema, stripeSessionSchema, type StripeSessionView } from "./schemas.ts";

/** What a handler did (returned in the webhook answer and logged). */
export type HandlerOutcome =
  | "fulfilled"
  | "already_processed"
  | "awaiting_async_payment"
  | "failed"
  | "refunded_before_fulfilment"
  | "revoked"
  | "refund_recorded"
  | "refund_before_payment"
  | "partial_refund_ignored"
  | "unknown_session"
  | "rejected_mismatch";

/** Per-event context: the transaction and the services a handler may use. */
export interface HandlerContext {
  tx: Prisma.TransactionClient;
  outbox: OutboxDeps;
  learnerAddress: (tx: Prisma.TransactionClient, userId: string) => Promise<Address>;
  log: CardLogger;
  eventId: string;
}

type Handler = (ctx: HandlerContext, object: unknown) => Promise<HandlerOutcome>;

/** bytes32 on-chain reference of a card sale: keccak256 of the UTF-8 payment intent id. */
export function paymentRefOf(paymentIntentId: string): Hex {
  return keccak256(stringToBytes(paymentIntentId));
}

/** Outbox idempotency keys of a sale's record / revoke transactions. */
export const cardOutboxKey = {
  record: (paymentIntentId: string) => `card:record:${paymentIntentId}`,
  revoke: (paymentIntentId: string) => `card:revoke:${paymentIntentId}`,
};

/** Serializes all handlers touching one payment intent until the transaction ends. */
async function lockPaymentIntent(tx: Prisma.TransactionClient, paymentIntentId: string): Promise<void> {
  await tx.$queryRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`stripe:${paymentIntentId}`}, 0))::text AS locked`;
}

/** Whether a `charge.refunded` event with a full refund of `paymentIntentId` was stored. */
async function fullRefundStored(tx: Prisma.TransactionClient, paymentIntentId: string): Promise<boolean> {
  const hit = await tx.stripeEvent.findFirst({
    where: {
      type: "charge.refunded",
      AND: [
        { payload: { path: ["data", "object", "payment_intent"], equals: paymentIntentId } },
        { payload: { path: ["data", "object", "refunded"], equals: true } },
      ],
    },
    select: { id: true },
  });
  return hit !== null;
}

/** The row of a session whose metadata, amount and currency match; logs and returns the reason otherwise. */
function checkSession(ctx: HandlerContext, row: CardPayment, s: StripeSessionView): boolean {
  const problems: string[] = [];
  if (s.metadata?.courseId !== row.courseId || s.metadata?.userId !== row.userId) problems.push("metadata");
  if (s.currency?.toUpperCase() !== row.currency) problems.push("currency");
  if (s.amount_total === null || BigInt(s.amount_total) !== BigInt(row.amount.toFixed(0))) problems.push("amount");
  if (problems.length === 0) return true;
  ctx.log.error("stripe checkout session does not match its card payment; not fulfilled", {
    eventId: ctx.eventId,
    sessionId: s.id,
    cardPaymentId: row.id,
    mismatch: problems,
    expected: { amount: row.amount.toFixed(0), currency: row.currency },
    received: { amount: s.amount_total, currency: s.currency },
  });
  return false;
}

/** A paid session (completed with payment_status paid, or async_payment_succeeded). */
async function onSessionPaid(ctx: HandlerContext, object: unknown): Promise<HandlerOutcome> {
  const session = stripeSessionSchema.parse(object);
  if (session.payment_status === "unpaid") return onSessionPending(ctx, session);
  const { tx } = ctx;
  const found = await tx.cardPayment.findUnique({ where: { checkoutSession: session.id } });
  if (!found) return unknownSession(ctx, session);
  if (!checkSession(ctx, found, session) || session.payment_intent === null) return "rejected_mismatch";
  const pi = session.payment_intent;
  await lockPaymentIntent(tx, pi);
  const row = await tx.cardPayment.findUniqueOrThrow({ where: { id: found.id } });
  if (row.status === "PAID" || row.status === "REFUNDED") return "already_processed";
  if (await fullRefundStored(tx, pi)) {
    await tx.cardPayment.update({ where: { id: row.id }, data: { status: "REFUNDED", paymentIntent: pi } });
    ctx.log.warn("card payment refunded before its completion arrived; never recorded", { cardPaymentId: row.id });
    return "refunded_before_fulfilment";
  }
  await tx.cardPayment.update({ where: { id: row.id }, data: { status: "PAID", paymentIntent: pi } });
  const learner = await ctx.learnerAddress(tx, row.userId);
  const request = recordCardPurchase(ctx.outbox.contracts, {
    courseDbId: row.courseId,
    learner,
    paymentRef: paymentRefOf(pi),
  });
  await enqueue(tx, { ...request, idempotencyKey: cardOutboxKey.record(pi) }, ctx.outbox.signerOf);
  return "fulfilled";
}

/** Completed but unpaid (delayed payment method): remember the payment intent, wait for async events. */
async function onSessionPending(ctx: HandlerContext, session: StripeSessionView): Promise<HandlerOutcome> {
  const row = await ctx.tx.cardPayment.findUnique({ where: { checkoutSession: session.id } });
  if (!row) return unknownSession(ctx, session);
  if (session.payment_intent !== null && row.paymentIntent === null) {
    await lockPaymentIntent(ctx.tx, session.payment_intent);
    await ctx.tx.cardPayment.update({ where: { id: row.id }, data: { paymentIntent: session.payment_intent } });
  }
  return "awaiting_async_payment";
}

async function onAsyncPaymentFailed(ctx: HandlerContext, object: unknown): Promise<HandlerOutcome> {
  const session = stripeSessionSchema.parse(object);
  const found = await ctx.tx.cardPayment.findUnique({ where: { checkoutSession: session.id } });
  if (!found) return unknownSession(ctx, session);
  if (session.payment_intent !== null) await lockPaymentIntent(ctx.tx, session.payment_intent);
  const { count } = await ctx.tx.cardPayment.updateMany({
    where: { id: found.id, status: "PENDING" },
    data: { status: "FAILED", paymentIntent: found.paymentIntent ?? session.payment_intent },
  });
  return count === 1 ? "failed" : "already_processed";
}

/** `charge.refunded`: a FULL refund revokes the sale (enqueue `revokeCardPurchase` when it was recorded). */
async function onChargeRefunded(ctx: HandlerContext, object: unknown): Promise<HandlerOutcome> {
  const charge = stripeChargeSchema.parse(object);
  if (!charge.refunded || charge.amount_refunded < charge.amount || charge.payment_intent === null) {
    ctx.log.info("partial refund; access stays", { eventId: ctx.eventId, chargeId: charge.id });
    return "partial_refund_ignored";
  }
  const pi = charge.payment_intent;
  await lockPaymentIntent(ctx.tx, pi);
  const row = await ctx.tx.cardPayment.findUnique({ where: { paymentIntent: pi } });
  // Completion not seen yet: this stored event makes the later completion mark the payment REFUNDED.
  if (!row) return "refund_before_payment";
  if (row.status === "REFUNDED") return "already_processed";
  await ctx.tx.cardPayment.update({ where: { id: row.id }, data: { status: "REFUNDED" } });
  if (row.status !== "PAID") return "refund_recorded";
  const request = revokeCardPurchase(ctx.outbox.contracts, { paymentRef: paymentRefOf(pi) });
  await enqueue(ctx.tx, { ...request, idempotencyKey: cardOutboxKey.revoke(pi) }, ctx.outbox.signerOf);
  return "revoked";
}

function unknownSession(ctx: HandlerContext, s: StripeSessionView): HandlerOutcome {
  ctx.log.warn("checkout session without a card payment row; ignored", { eventId: ctx.eventId, sessionId: s.id });
  return "unknown_session";
}

/** Handlers by Stripe event type; every other type is acknowledged (200) and ignored. */
export const CARD_EVENT_HANDLERS: Readonly<Record<string, Handler>> = {
  "checkout.session.completed": onSessionPaid,
  "checkout.session.async_payment_succeeded": onSessionPaid,
  "checkout.session.async_payment_failed": onAsyncPaymentFailed,
  "charge.refunded": onChargeRefunded,
};
