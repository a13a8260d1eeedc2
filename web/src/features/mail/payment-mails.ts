/**
 * Receipts and refund confirmations, enqueued in the transaction that records the payment fact:
 * card — the paid Stripe session is accepted for fulfilment (receipt) / the payment is marked REFUNDED
 * (refund); wallet — the indexer projects a final PurchaseRecorded / PurchaseRefunded log. One mail per
 * fact (idempotency keys `receipt:card:<id>`, `refund:card:<id>`, `receipt:wallet:<chainId>:<purchaseId>:<txHash>`,
 * `refund:wallet:<chainId>:<purchaseId>:<txHash>` — the tx hash keeps purchases apart after a dev chain reset), so webhook redeliveries, automatic refunds that the refund
 * webhook confirms again, and indexer replays send nothing twice.
 */
import type { Prisma } from "@smolitux/db";
import { getAddress, zeroAddress } from "viem";
import { resolveLearnerUser } from "@/features/enrollment/learner-address.ts";
import { enqueueUserMail } from "./outbox.ts";

type Tx = Prisma.TransactionClient;
type PaymentMailKind = "PURCHASE_RECEIPT" | "REFUND_CONFIRMATION";
const prefix = (kind: PaymentMailKind) => (kind === "PURCHASE_RECEIPT" ? "receipt" : "refund");

/**
 * Enqueues the receipt or refund confirmation of a card payment (amount and currency as charged, the Stripe
 * payment intent id as reference). No-op without a payment intent or for an account without e-mail.
 */
export async function enqueueCardPaymentMail(
  tx: Tx,
  cardPaymentId: string,
  kind: PaymentMailKind,
  at: Date = new Date(),
): Promise<void> {
  const p = await tx.cardPayment.findUnique({
    where: { id: cardPaymentId },
    select: {
      userId: true,
      amount: true,
      currency: true,
      paymentIntent: true,
      course: { select: { title: true, slug: true } },
    },
  });
  if (!p?.paymentIntent) return;
  await enqueueUserMail(tx, p.userId, `${prefix(kind)}:card:${cardPaymentId}`, kind, {
    course: p.course.title,
    courseSlug: p.course.slug,
    amount: p.amount.toFixed(0),
    currency: p.currency,
    method: "card",
    reference: p.paymentIntent,
    at: at.toISOString(),
  });
}

/** One wallet purchase fact of an indexed batch. */
export interface WalletPaymentFact {
  kind: PaymentMailKind;
  /** on-chain purchase id (decimal string) */
  purchaseId: string;
  /** transaction of the event (the purchase or the refund) */
  txHash: string;
  /** block time of the event */
  at: Date | null;
}

/**
 * Enqueues receipts and refund confirmations of wallet purchases projected in this batch (after the
 * Purchase rows are written). Purchases of unknown courses or of addresses no account owns get no mail.
 * @param esnToken the ESN token's address on `chainId` (any other non-zero token is not sold here)
 */
export async function enqueueWalletPaymentMails(
  tx: Tx,
  chainId: number,
  facts: readonly WalletPaymentFact[],
  esnToken: string | null,
): Promise<void> {
  const keyOf = (f: WalletPaymentFact) => `${prefix(f.kind)}:wallet:${chainId}:${f.purchaseId}:${f.txHash}`;
  if (facts.length === 0) return;
  // a replay (rebuild, reorg) finds its mails enqueued already: one query for the whole batch
  const known = await tx.mailMessage.findMany({
    where: { idempotencyKey: { in: facts.map(keyOf) } },
    select: { idempotencyKey: true },
  });
  const done = new Set(known.map((k) => k.idempotencyKey));
  for (const f of facts) {
    if (done.has(keyOf(f))) continue;
    const p = await tx.purchase.findUnique({
      where: { chainId_purchaseId: { chainId, purchaseId: f.purchaseId } },
      select: { courseChainId: true, learner: true, token: true, amount: true, card: true },
    });
    if (!p || p.card) continue;
    const course = await tx.course.findUnique({
      where: { onchainCourseId: p.courseChainId },
      select: { id: true, title: true, slug: true },
    });
    if (!course) continue;
    const token = getAddress(p.token ?? zeroAddress);
    const currency = token === zeroAddress ? "POL" : esnToken && token === getAddress(esnToken) ? "ESN" : null;
    if (!currency) continue;
    const userId = await resolveLearnerUser(tx, p.learner, null);
    if (!userId) continue;
    await enqueueUserMail(tx, userId, keyOf(f), f.kind, {
      course: course.title,
      courseSlug: course.slug,
      amount: p.amount.toFixed(0),
      currency,
      method: "wallet",
      reference: f.txHash,
      at: (f.at ?? new Date()).toISOString(),
    });
  }
}
