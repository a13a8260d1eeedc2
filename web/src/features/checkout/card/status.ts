/**
 * Progress of a card purchase for the success page (read-only: the page polls this; fulfilment
 * happens only in the webhook). Stages: pending → paid → recording (on-chain transaction in the
 * outbox) → unlocked (the indexer wrote the enrollment); or the end states failed / expired (nothing
 * charged) and refunding → refunded (with the reason when the refund was automatic).
 */
import type { CardPaymentProblem, OutboxStatus } from "@smolitux/db";
import { ApiError } from "@/server/http.ts";
import type { CardDeps } from "./deps.ts";
import { cardOutboxKey } from "./handlers.ts";

/** Stage of a card purchase as shown to the buyer. */
export type CheckoutStage =
  "pending" | "paid" | "recording" | "unlocked" | "failed" | "expired" | "refunding" | "refunded";

/** What {@link checkoutStatus} returns. */
export interface CheckoutStatusView {
  stage: CheckoutStage;
  course: { slug: string; title: string };
  /** Outbox row of the on-chain record (null before payment). */
  chain: { status: OutboxStatus; txHash: string | null } | null;
  /** Why the payment is (being) refunded automatically; null for a normal sale or a manual refund. */
  problem: CardPaymentProblem | null;
}

/**
 * The status of the buyer's own checkout session.
 * @throws ApiError not_found when the session is unknown or belongs to another user
 */
export async function checkoutStatus(
  deps: Pick<CardDeps, "db">,
  userId: string,
  sessionId: string,
): Promise<CheckoutStatusView> {
  const row = await deps.db.cardPayment.findUnique({
    where: { checkoutSession: sessionId },
    select: {
      userId: true,
      courseId: true,
      status: true,
      problem: true,
      paymentIntent: true,
      course: { select: { slug: true, title: true } },
    },
  });
  if (!row || row.userId !== userId) throw new ApiError("not_found", "Checkout not found.");
  const [enrollment, outbox] = await Promise.all([
    deps.db.enrollment.findUnique({
      where: { userId_courseId: { userId, courseId: row.courseId } },
      select: { status: true },
    }),
    row.paymentIntent
      ? deps.db.outboxTx.findUnique({
          where: { idempotencyKey: cardOutboxKey.record(row.paymentIntent) },
          select: { status: true, txHash: true },
        })
      : null,
  ]);
  const stage: CheckoutStage =
    row.status === "REFUNDED"
      ? "refunded"
      : row.status === "FAILED"
        ? "failed"
        : row.status === "EXPIRED"
          ? "expired"
          : row.problem !== null
            ? "refunding"
            : enrollment?.status === "ACTIVE"
              ? "unlocked"
              : row.status === "PENDING"
                ? "pending"
                : outbox
                  ? "recording"
                  : "paid";
  return { stage, course: row.course, chain: outbox, problem: row.problem };
}
