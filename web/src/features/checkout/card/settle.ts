/**
 * The card settle pass (worker loop `card-settle`): every card payment ends in exactly one of two
 * states — unlocked or refunded — and no intermediate state lasts forever.
 *
 * One pass:
 * 1. PAID sales whose `recordCardPurchase` outbox row FAILED (reverted, or the outbox gave up) get
 *    problem RECORD_FAILED.
 * 2. PAID sales whose record is not CONFIRMED `recordTimeoutSeconds` after payment get RECORD_TIMEOUT.
 * 3. Every PAID sale with a problem is refunded through Stripe ({@link refundCardPayment}).
 * 4. REFUNDED sales whose record CONFIRMED after all (a late record) get `revokeCardPurchase` enqueued.
 * 5. PENDING checkouts older than `checkoutTimeoutSeconds` are expired at Stripe
 *    (`checkout.sessions.expire`) and marked EXPIRED; a session that turns out paid is left to its webhook.
 */
import type { Prisma } from "@smolitux/db";
import type { CardDeps } from "./deps.ts";
import { cardOutboxKey, enqueueRevokeIfRecorded } from "./handlers.ts";
import { refundCardPayment } from "./refund.ts";

/** Settings of the settle pass (seconds). */
export interface SettleOptions {
  recordTimeoutSeconds: number;
  checkoutTimeoutSeconds: number;
  /** Rows per step and pass. */
  batch?: number;
  now?: () => Date;
}

/** Counts of one pass. */
export interface SettleSummary {
  recordFailed: number;
  recordTimedOut: number;
  refunded: number;
  refundsPending: number;
  revokesQueued: number;
  expired: number;
}

type Deps = Pick<CardDeps, "db" | "stripe" | "log" | "outbox">;

/** Runs one settle pass (see the module comment). Stripe errors of single rows are logged, not thrown. */
export async function settleCardPayments(deps: Deps, opts: SettleOptions): Promise<SettleSummary> {
  const { db, log } = deps;
  const now = opts.now?.() ?? new Date();
  const batch = opts.batch ?? 50;
  const s: SettleSummary = {
    recordFailed: 0,
    recordTimedOut: 0,
    refunded: 0,
    refundsPending: 0,
    revokesQueued: 0,
    expired: 0,
  };

  // 1 + 2: PAID without a problem whose record FAILED, or is not CONFIRMED in time.
  const deadline = new Date(now.getTime() - opts.recordTimeoutSeconds * 1000);
  const stuck = await db.$queryRaw<{ id: string; recordStatus: string | null; lastError: string | null }[]>`
    SELECT c."id", o."status"::text AS "recordStatus", o."lastError"
    FROM "CardPayment" c
    LEFT JOIN "OutboxTx" o ON o."idempotencyKey" = ${cardOutboxKey.record("")} || c."paymentIntent"
    WHERE c."status" = 'PAID' AND c."problem" IS NULL AND c."paymentIntent" IS NOT NULL
      AND (o."status" = 'FAILED' OR ((o."status" IS NULL OR o."status" <> 'CONFIRMED') AND c."paidAt" < ${deadline}))
    ORDER BY c."paidAt" ASC
    LIMIT ${batch}`;
  for (const row of stuck) {
    const failed = row.recordStatus === "FAILED";
    const { count } = await db.cardPayment.updateMany({
      where: { id: row.id, status: "PAID", problem: null },
      data: failed
        ? { problem: "RECORD_FAILED", problemDetail: (row.lastError ?? "the on-chain record failed").slice(0, 500) }
        : {
            problem: "RECORD_TIMEOUT",
            problemDetail: `not recorded on chain within ${opts.recordTimeoutSeconds} s (record ${row.recordStatus?.toLowerCase() ?? "missing"})`,
          },
    });
    if (count === 0) continue;
    if (failed) s.recordFailed++;
    else s.recordTimedOut++;
    log.warn("card sale not recorded on chain; refunding", { cardPaymentId: row.id, record: row.recordStatus });
  }

  // 3: refunds.
  const toRefund = await db.cardPayment.findMany({
    where: { status: "PAID", problem: { not: null } },
    orderBy: { updatedAt: "asc" },
    take: batch,
    select: { id: true },
  });
  for (const { id } of toRefund) {
    const outcome = await refundCardPayment(deps, id).catch(() => "error" as const);
    if (outcome === "refunded") s.refunded++;
    else if (outcome === "pending") s.refundsPending++;
  }

  // 4: late records of refunded sales are revoked.
  const late = await db.$queryRaw<{ paymentIntent: string }[]>`
    SELECT c."paymentIntent"
    FROM "CardPayment" c
    JOIN "OutboxTx" r ON r."idempotencyKey" = ${cardOutboxKey.record("")} || c."paymentIntent" AND r."status" = 'CONFIRMED'
    LEFT JOIN "OutboxTx" v ON v."idempotencyKey" = ${cardOutboxKey.revoke("")} || c."paymentIntent"
    WHERE c."status" = 'REFUNDED' AND c."paymentIntent" IS NOT NULL AND v."id" IS NULL
    LIMIT ${batch}`;
  for (const { paymentIntent } of late) {
    const queued = await db.$transaction((tx: Prisma.TransactionClient) =>
      enqueueRevokeIfRecorded(tx, deps.outbox, paymentIntent),
    );
    if (queued) s.revokesQueued++;
  }

  // 5: unpaid checkouts that outlived their timeout.
  const openSince = new Date(now.getTime() - opts.checkoutTimeoutSeconds * 1000);
  const stale = await db.cardPayment.findMany({
    where: { status: "PENDING", createdAt: { lt: openSince } },
    orderBy: { createdAt: "asc" },
    take: batch,
    select: { id: true, checkoutSession: true },
  });
  for (const row of stale) {
    if (await expireCheckoutSession(deps, row.checkoutSession)) {
      const { count } = await db.cardPayment.updateMany({
        where: { id: row.id, status: "PENDING" },
        data: { status: "EXPIRED" },
      });
      s.expired += count;
    }
  }
  return s;
}

/**
 * Ends an unpaid Stripe Checkout Session. True when the session is (now) expired at Stripe; false when
 * it was completed (its webhook decides) or Stripe could not be asked (logged; retried later).
 */
export async function expireCheckoutSession(
  deps: Pick<CardDeps, "stripe" | "log">,
  sessionId: string,
): Promise<boolean> {
  try {
    const current = await deps.stripe.checkout.sessions.retrieve(sessionId);
    if (current.status === "expired") return true;
    if (current.status !== "open") return false;
    const expired = await deps.stripe.checkout.sessions.expire(
      sessionId,
      {},
      { idempotencyKey: `expire:${sessionId}` },
    );
    return expired.status === "expired";
  } catch (err) {
    deps.log.warn("could not expire checkout session", {
      sessionId,
      error: err instanceof Error ? err.message : String(err),
    });
    return false;
  }
}
