/**
 * Webhook event handlers, one per Stripe event type, each running inside the transaction that stored
 * the event. Out-of-order delivery: every handler serializes on the payment intent
 * (`pg_advisory_xact_lock`), and a completion first looks for a full refund of the same payment
 * intent among the stored events — a refund delivered before the completion marks the payment
 * REFUNDED and nothing is ever recorded on-chain. A refund after a CONFIRMED record enqueues the
 * revocation (a record still in flight is revoked by the settle loop once it confirms).
 *
 * Paid means unlocked or refunded: a paid session that cannot be fulfilled — amount/currency/metadata
 * mismatch, course no longer published, or a second paid session for a course the learner already
 * has — is stored PAID with a `problem`, and refunded automatically right after the transaction
 * commits (and by the settle loop should that attempt fail).
 */
import { keccak256, stringToBytes, type Address, type Hex } from "viem";
import type { CardPayment, CardPaymentProblem, Prisma } from "@smolitux/db";
import { enqueue, recordCardPurchase, revokeCardPurchase } from "@/server/outbox/index.ts";
import { applyAccountUpdate } from "../../payouts/connect.ts";
import {
  applyPayoutEvent,
  applyTransferCreated,
  applyTransferReversed,
  type ConnectEventOutcome,
} from "../../payouts/connect-events.ts";
import type { CardLogger, OutboxDeps } from "./deps.ts";
import { stripeChargeSchema, stripeSessionSchema, type StripeSessionView } from "./schemas.ts";
import { enqueueCardPaymentMail } from "@/features/mail/payment-mails.ts";

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
  | "rejected_mismatch"
  | "refund_scheduled"
  | "expired"
  | "account_updated"
  | "unknown_account"
  | ConnectEventOutcome;

/** Per-event context: the transaction and the services a handler may use. */
export interface HandlerContext {
  tx: Prisma.TransactionClient;
  outbox: OutboxDeps;
  learnerAddress: (tx: Prisma.TransactionClient, userId: string) => Promise<Address>;
  log: CardLogger;
  eventId: string;
  /** `event.account`: the connected account of a Connect event (null for the platform's own events). */
  account: string | null;
  /** Card payments to refund automatically once the transaction has committed. */
  refundAfterCommit: (cardPaymentId: string) => void;
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

/** Serializes checkouts and paid sessions of one (user, course) (one open checkout, one paid sale). */
export async function lockCheckoutPair(tx: Prisma.TransactionClient, userId: string, courseId: string): Promise<void> {
  await tx.$queryRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`card-checkout:${userId}:${courseId}`}, 0))::text AS locked`;
}

/** The mismatching fields of a session against its row (empty when it matches); logged when not empty. */
function sessionMismatch(ctx: HandlerContext, row: CardPayment, s: StripeSessionView): string[] {
  const problems: string[] = [];
  if (s.metadata?.courseId !== row.courseId || s.metadata?.userId !== row.userId) problems.push("metadata");
  if (s.currency?.toUpperCase() !== row.currency) problems.push("currency");
  if (s.amount_total === null || BigInt(s.amount_total) !== BigInt(row.amount.toFixed(0))) problems.push("amount");
  if (problems.length === 0) return problems;
  ctx.log.error("stripe checkout session does not match its card payment; refunding", {
    eventId: ctx.eventId,
    sessionId: s.id,
    cardPaymentId: row.id,
    mismatch: problems,
    expected: { amount: row.amount.toFixed(0), currency: row.currency },
    received: { amount: s.amount_total, currency: s.currency },
  });
  return problems;
}

/** Why a paid session cannot be fulfilled (refund instead), or null when it can. */
async function fulfilmentProblem(
  ctx: HandlerContext,
  row: CardPayment,
  s: StripeSessionView,
): Promise<{ problem: CardPaymentProblem; detail: string } | null> {
  const mismatch = sessionMismatch(ctx, row, s);
  if (mismatch.length) return { problem: "SESSION_MISMATCH", detail: `mismatch: ${mismatch.join(", ")}` };
  const course = await ctx.tx.course.findUnique({ where: { id: row.courseId }, select: { status: true } });
  if (course?.status !== "PUBLISHED") {
    return { problem: "COURSE_UNAVAILABLE", detail: `course is ${course?.status.toLowerCase() ?? "gone"}` };
  }
  const other = await ctx.tx.cardPayment.findFirst({
    where: { userId: row.userId, courseId: row.courseId, status: "PAID", problem: null, id: { not: row.id } },
    select: { id: true },
  });
  if (other) return { problem: "DUPLICATE_PAYMENT", detail: `course already paid by card payment ${other.id}` };
  const enrolled = await ctx.tx.enrollment.findUnique({
    where: { userId_courseId: { userId: row.userId, courseId: row.courseId } },
    select: { status: true, source: true },
  });
  if (enrolled?.status === "ACTIVE") {
    return { problem: "DUPLICATE_PAYMENT", detail: `already enrolled (${enrolled.source.toLowerCase()})` };
  }
  return null;
}

/** A paid session (completed with payment_status paid, or async_payment_succeeded). */
async function onSessionPaid(ctx: HandlerContext, object: unknown): Promise<HandlerOutcome> {
  const session = stripeSessionSchema.parse(object);
  if (session.payment_status === "unpaid") return onSessionPending(ctx, session);
  const { tx } = ctx;
  const found = await tx.cardPayment.findUnique({ where: { checkoutSession: session.id } });
  if (!found) return unknownSession(ctx, session);
  const pi = session.payment_intent;
  if (pi === null) {
    // Nothing was charged through a payment intent (no_payment_required): nothing to record or refund.
    sessionMismatch(ctx, found, session);
    return "rejected_mismatch";
  }
  await lockPaymentIntent(tx, pi);
  await lockCheckoutPair(tx, found.userId, found.courseId);
  const row = await tx.cardPayment.findUniqueOrThrow({ where: { id: found.id } });
  if (row.status === "PAID" || row.status === "REFUNDED") return "already_processed";
  if (await fullRefundStored(tx, pi)) {
    await tx.cardPayment.update({ where: { id: row.id }, data: { status: "REFUNDED", paymentIntent: pi } });
    await enqueueCardPaymentMail(tx, row.id, "REFUND_CONFIRMATION");
    ctx.log.warn("card payment refunded before its completion arrived; never recorded", { cardPaymentId: row.id });
    return "refunded_before_fulfilment";
  }
  const problem = await fulfilmentProblem(ctx, row, session);
  await tx.cardPayment.update({
    where: { id: row.id },
    data: {
      status: "PAID",
      paymentIntent: pi,
      paidAt: new Date(),
      problem: problem?.problem ?? null,
      problemDetail: problem?.detail ?? null,
    },
  });
  if (problem) {
    ctx.log.warn("paid card session cannot be fulfilled; refunding", { cardPaymentId: row.id, ...problem });
    ctx.refundAfterCommit(row.id);
    return problem.problem === "SESSION_MISMATCH" ? "rejected_mismatch" : "refund_scheduled";
  }
  const learner = await ctx.learnerAddress(tx, row.userId);
  // The refund window fixed at checkout goes on chain with the record (sales from before it was stored on
  // the sale use the course's current window); the contract keeps record time + window as the deadline.
  const refundWindowSeconds =
    row.refundWindowSeconds ??
    (await tx.course.findUniqueOrThrow({ where: { id: row.courseId }, select: { refundWindowDays: true } }))
      .refundWindowDays * 86_400;
  const request = recordCardPurchase(ctx.outbox.contracts, {
    courseDbId: row.courseId,
    learner,
    paymentRef: paymentRefOf(pi),
    refundWindowSeconds,
  });
  await enqueue(tx, { ...request, idempotencyKey: cardOutboxKey.record(pi) }, ctx.outbox.signerOf);
  await enqueueCardPaymentMail(tx, row.id, "PURCHASE_RECEIPT");
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

/**
 * `charge.refunded`: a FULL refund revokes the sale (enqueue `revokeCardPurchase` when it was recorded). A
 * partial refund keeps access; the cumulative `amount_refunded` is kept on the sale (never lowered, so
 * out-of-order deliveries are harmless) and the payouts loop reverses the provider's transfer in proportion.
 */
async function onChargeRefunded(ctx: HandlerContext, object: unknown): Promise<HandlerOutcome> {
  const charge = stripeChargeSchema.parse(object);
  if (charge.payment_intent !== null && charge.amount_refunded > 0) {
    await lockPaymentIntent(ctx.tx, charge.payment_intent);
    await ctx.tx.cardPayment.updateMany({
      where: { paymentIntent: charge.payment_intent, amountRefunded: { lt: charge.amount_refunded } },
      data: { amountRefunded: charge.amount_refunded },
    });
  }
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
  await enqueueCardPaymentMail(ctx.tx, row.id, "REFUND_CONFIRMATION");
  return (await enqueueRevokeIfRecorded(ctx.tx, ctx.outbox, pi)) ? "revoked" : "refund_recorded";
}

/**
 * Enqueues `revokeCardPurchase` for a refunded sale whose on-chain record is CONFIRMED (idempotent by
 * key). A record still in flight is left to the settle loop; a FAILED record needs no revocation.
 * @returns whether a revocation is (now) queued
 */
export async function enqueueRevokeIfRecorded(
  tx: Prisma.TransactionClient,
  outbox: OutboxDeps,
  paymentIntent: string,
): Promise<boolean> {
  const record = await tx.outboxTx.findUnique({
    where: { idempotencyKey: cardOutboxKey.record(paymentIntent) },
    select: { status: true },
  });
  if (record?.status !== "CONFIRMED") return false;
  const request = revokeCardPurchase(outbox.contracts, { paymentRef: paymentRefOf(paymentIntent) });
  await enqueue(tx, { ...request, idempotencyKey: cardOutboxKey.revoke(paymentIntent) }, outbox.signerOf);
  return true;
}

/** `checkout.session.expired`: an unpaid session ended; nothing was charged. */
async function onSessionExpired(ctx: HandlerContext, object: unknown): Promise<HandlerOutcome> {
  const session = stripeSessionSchema.parse(object);
  const { count } = await ctx.tx.cardPayment.updateMany({
    where: { checkoutSession: session.id, status: "PENDING" },
    data: { status: "EXPIRED" },
  });
  return count === 1 ? "expired" : "already_processed";
}

/** Thrown for a signed event that cannot be processed: stored with `error`, answered 2xx, shown on /admin. */
export class UnprocessableEventError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UnprocessableEventError";
  }
}

function unknownSession(ctx: HandlerContext, s: StripeSessionView): HandlerOutcome {
  if (s.payment_status !== "paid") {
    ctx.log.warn("checkout session without a card payment row; ignored", { eventId: ctx.eventId, sessionId: s.id });
    return "unknown_session";
  }
  // Money was taken for a checkout we do not know (row deleted with its course): an admin must look.
  throw new UnprocessableEventError(`paid checkout session ${s.id} has no card payment (course deleted?)`);
}

/** Handlers by Stripe event type; every other type is acknowledged (200) and ignored. */
export const CARD_EVENT_HANDLERS: Readonly<Record<string, Handler>> = {
  "checkout.session.completed": onSessionPaid,
  "checkout.session.async_payment_succeeded": onSessionPaid,
  "checkout.session.async_payment_failed": onAsyncPaymentFailed,
  "checkout.session.expired": onSessionExpired,
  "charge.refunded": onChargeRefunded,
  // Stripe Connect (issue 15): a provider's Express account changed (onboarding progress, requirements).
  "account.updated": async (ctx, object) => {
    const outcome = await applyAccountUpdate(ctx.tx, object);
    if (outcome === "unknown_account")
      ctx.log.warn("account.updated for an unknown account; ignored", { eventId: ctx.eventId });
    return outcome;
  },
  // Provider payouts (issue 15): transfers we sent, reversals, and payouts of connected accounts.
  "transfer.created": (ctx, object) => applyTransferCreated(ctx.tx, object),
  "transfer.reversed": (ctx, object) => applyTransferReversed(ctx.tx, object),
  "payout.paid": (ctx, object) => applyPayoutEvent(ctx.tx, object, ctx.account, "PAID"),
  "payout.failed": (ctx, object) => applyPayoutEvent(ctx.tx, object, ctx.account, "FAILED"),
};
