/**
 * Receipts and refund confirmations, enqueued in the transaction that records the payment fact:
 * card — the paid Stripe session is accepted for fulfilment (receipt) / the payment is marked REFUNDED
 * (refund); wallet — the indexer projects a final PurchaseRecorded / PurchaseRefunded log. One mail per
 * fact (idempotency keys `receipt:card:<id>`, `refund:card:<id>`, `receipt:wallet:<chainId>:<purchaseId>:<txHash>`,
 * `refund:wallet:<chainId>:<purchaseId>:<txHash>` — the tx hash keeps purchases apart after a dev chain reset), so webhook redeliveries, automatic refunds that the refund
 * webhook confirms again, and indexer replays send nothing twice.
 */
import type { Prisma } from "@smolitux/db";
import { zeroAddress } from "viem";
import { checksumAddress } from "@/lib/checksum-address.ts";
import { enqueueMails, enqueueUserMail, type MailRequest } from "./outbox.ts";

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
 * Set-based: a constant number of queries per batch whatever the number of facts (the indexer replays
 * thousands of logs per batch), with the owner rule of `resolveLearnerUser` (enrollment/learner-address.ts) (a linked wallet, else
 * a registered placeholder address).
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
  const byKey = new Map(facts.map((f) => [keyOf(f), f]));
  // a replay (rebuild, reorg) finds its mails enqueued already: one query for the whole batch
  const known = await tx.$queryRaw<{ key: string }[]>`
    SELECT "idempotencyKey" AS key FROM "MailMessage" WHERE "idempotencyKey" = ANY(${[...byKey.keys()]}::text[])`;
  for (const k of known) byKey.delete(k.key);
  if (byKey.size === 0) return;
  const purchaseIds = [...new Set([...byKey.values()].map((f) => f.purchaseId))];
  const purchases = await tx.$queryRaw<
    { purchaseId: string; courseChainId: string; learner: string; token: string | null; amount: string }[]
  >`
    SELECT "purchaseId"::text AS "purchaseId", "courseChainId", "learner", "token", "amount"::text AS amount
    FROM "Purchase"
    WHERE "chainId" = ${chainId} AND "purchaseId" = ANY(${purchaseIds}::numeric[]) AND NOT "card"`;
  if (purchases.length === 0) return;
  const purchaseOf = new Map(purchases.map((p) => [p.purchaseId, p]));
  const learners = [...new Set(purchases.map((p) => checksumAddress(p.learner)))];
  const [courses, owners] = await Promise.all([
    tx.$queryRaw<{ onchainCourseId: string; title: string; slug: string }[]>`
      SELECT "onchainCourseId", "title", "slug" FROM "Course"
      WHERE "onchainCourseId" = ANY(${[...new Set(purchases.map((p) => p.courseChainId))]}::text[])`,
    // a linked wallet outranks a registered placeholder of the same address (resolveLearnerUser's order)
    tx.$queryRaw<{ address: string; userId: string; wallet: boolean }[]>`
      SELECT "address", "userId", false AS wallet FROM "LearnerAddress" WHERE "address" = ANY(${learners}::text[])
      UNION ALL
      SELECT "address", "userId", true AS wallet FROM "Wallet" WHERE "address" = ANY(${learners}::text[])`,
  ]);
  const courseOf = new Map(courses.map((c) => [c.onchainCourseId, c]));
  const ownerOf = new Map<string, string>();
  for (const o of owners.sort((a, b) => Number(a.wallet) - Number(b.wallet)))
    ownerOf.set(checksumAddress(o.address), o.userId);
  const users = await tx.$queryRaw<{ id: string; email: string; name: string | null; locale: string }[]>`
    SELECT "id", "email", "name", "locale" FROM "User"
    WHERE "id" = ANY(${[...new Set(ownerOf.values())]}::text[]) AND "email" IS NOT NULL`;
  const userOf = new Map(users.map((u) => [u.id, u]));
  const esn = esnToken ? checksumAddress(esnToken) : null;
  const requests: MailRequest<PaymentMailKind>[] = [];
  for (const [key, f] of byKey) {
    const p = purchaseOf.get(f.purchaseId);
    const course = p && courseOf.get(p.courseChainId);
    if (!p || !course) continue;
    const token = checksumAddress(p.token ?? zeroAddress);
    const currency = token === zeroAddress ? "POL" : esn && token === esn ? "ESN" : null;
    const userId = ownerOf.get(checksumAddress(p.learner));
    const user = userId ? userOf.get(userId) : undefined;
    if (!currency || !userId || !user) continue;
    requests.push({
      idempotencyKey: key,
      kind: f.kind,
      userId,
      to: user.email,
      locale: user.locale,
      params: {
        course: course.title,
        courseSlug: course.slug,
        amount: p.amount,
        currency,
        method: "wallet",
        reference: f.txHash,
        at: (f.at ?? new Date()).toISOString(),
        name: user.name,
      },
    });
  }
  await enqueueMails(tx, requests);
}
