/**
 * Automatic refunds of card payments that cannot be fulfilled (`CardPayment.problem` set while PAID).
 * One Stripe refund per payment: idempotency key `refund:auto:<cardPaymentId>`, the refund id stored
 * on the row; a refund Stripe reports `succeeded` marks the payment REFUNDED at once (the later
 * `charge.refunded` webhook then finds it already processed), a `pending` one is looked up again by
 * the settle loop, a `failed`/`canceled` one is kept as `refundError` for /admin.
 */
import type { CardDeps } from "./deps.ts";
import { describeStripeError } from "./checkout.ts";
import { enqueueCardPaymentMail } from "@/features/mail/payment-mails.ts";

/** What {@link refundCardPayment} did. */
export type AutoRefundOutcome = "refunded" | "pending" | "failed" | "not_needed";

/**
 * Refunds one PAID card payment with a `problem` (no-op for any other row).
 * @throws the Stripe error when Stripe cannot be reached (stored in `refundError`; the settle loop retries)
 */
export async function refundCardPayment(
  deps: Pick<CardDeps, "db" | "stripe" | "log">,
  cardPaymentId: string,
): Promise<AutoRefundOutcome> {
  const { db, stripe, log } = deps;
  const row = await db.cardPayment.findUnique({
    where: { id: cardPaymentId },
    select: { id: true, status: true, problem: true, paymentIntent: true, refundId: true },
  });
  if (!row || row.status !== "PAID" || row.problem === null || row.paymentIntent === null) return "not_needed";
  let refund;
  try {
    refund = row.refundId
      ? await stripe.refunds.retrieve(row.refundId)
      : await stripe.refunds.create(
          {
            payment_intent: row.paymentIntent,
            reason: row.problem === "DUPLICATE_PAYMENT" ? "duplicate" : "requested_by_customer",
            metadata: { cardPaymentId: row.id, problem: row.problem },
          },
          { idempotencyKey: `refund:auto:${row.id}` },
        );
  } catch (err) {
    const error = describeStripeError(err);
    log.error("automatic card refund failed; retrying later", { cardPaymentId: row.id, error });
    await db.cardPayment.update({
      where: { id: row.id },
      data: { refundError: String(error.message ?? "stripe error").slice(0, 500) },
    });
    throw err;
  }
  const status = refund.status ?? "pending";
  if (status === "succeeded") {
    await db.$transaction(async (tx) => {
      const n = await tx.cardPayment.updateMany({
        where: { id: row.id, status: "PAID" },
        data: { status: "REFUNDED", refundId: refund.id, refundError: null },
      });
      if (n.count === 1) await enqueueCardPaymentMail(tx, row.id, "REFUND_CONFIRMATION");
    });
    log.info("card payment refunded automatically", {
      cardPaymentId: row.id,
      refundId: refund.id,
      problem: row.problem,
    });
    return "refunded";
  }
  const failed = status === "failed" || status === "canceled";
  await db.cardPayment.update({
    where: { id: row.id },
    data: { refundId: refund.id, refundError: failed ? `refund ${status}` : null },
  });
  if (failed)
    log.error("automatic card refund did not succeed", { cardPaymentId: row.id, refundId: refund.id, status });
  return failed ? "failed" : "pending";
}
