/**
 * Provider payouts of card sales through Stripe Connect ("separate charges and transfers", issue 15).
 * The worker loop `connect-transfers` runs {@link runTransferPass}; one pass:
 *
 * 1. **Deadline.** A PAID card sale whose `CardPurchaseRecorded` is indexed gets the refund deadline the
 *    escrow contract recorded for it (`refundDeadline` of the event = record block time + the window fixed
 *    at checkout, indexed into `Purchase.refundDeadline`). Records made by a contract from before the
 *    deadline was stored on chain (no `refundDeadline`) fall back to the record's block time
 *    (`Purchase.createdAt`, chain time) + the sale's window — the same instant. Sales made before issue 15
 *    get their missing terms (provider, fee, window) from the course and env here.
 * 2. **Row.** Once the chain's latest block is past that deadline, the sale's `StripeTransfer` row is
 *    written with the split frozen ({@link splitCardSale}; the Stripe fee is read from the charge's
 *    balance transaction). Nothing is ever transferred for a sale refunded before.
 * 3. **Send.** PENDING rows whose provider has a payouts-enabled Connect account (others are held) are
 *    claimed (attempts + 1, next attempt pushed back) and sent with `POST /v1/transfers`
 *    (`transfer_group` = card payment id, `source_transaction` = the charge, idempotency key
 *    `transfer:<rowId>:<attempt>`). Every retry first looks the transfer up by its group, so neither a
 *    crash after Stripe's answer nor a new key per attempt ever pays twice. Errors back off exponentially (30 s … 1 h); after
 *    `maxAttempts` the row is FAILED and listed on /admin.
 * 4. **Reverse.** A SENT row whose sale was refunded afterwards is reversed (`POST
 *    /v1/transfers/:id/reversals`): in full after a full refund (status REVERSED), in proportion after a
 *    partial one — cumulative target ⌊amount × refunded / gross⌋ ({@link reversalTarget}), minus what
 *    Stripe already reversed (`amount_reversed`, read first), idempotency key
 *    `transfer:reverse:<rowId>:<target>`; the row stays SENT with `amountReversed` until fully reversed.
 *    PENDING/FAILED rows of fully refunded sales are CANCELED (a partial refund before the transfer is
 *    sent in full, then reversed in proportion by the next pass).
 * Every step is idempotent and safe to interrupt; state changes are conditional updates.
 */
import type { PrismaClient } from "@smolitux/db";
import { z } from "zod";
import type { Stripe } from "@/server/stripe.ts";
import { describeStripeError } from "../checkout/card/checkout.ts";
import type { CardLogger } from "../checkout/card/deps.ts";
import { paymentRefOf } from "../checkout/card/handlers.ts";
import { splitCardSale, stripeFeeInSaleCurrency } from "./fees.ts";

/** What a transfer pass uses. */
export interface TransferDeps {
  db: PrismaClient;
  stripe: Stripe;
  log: CardLogger;
  /** EVM chain id of the indexed purchases (CHAIN_ID). */
  chainId: number;
  /** Timestamp (seconds) of the chain's latest block: refund windows end in chain time. */
  chainTime: () => Promise<bigint>;
  /** Platform fee (basis points) for sales made before the fee was stored on the sale. */
  platformFeeBps: number;
  /** Attempts before a transfer is FAILED. */
  maxAttempts: number;
  /** Wall clock for retry scheduling (tests). */
  now?: () => Date;
  /** Rows per step and pass. */
  batch?: number;
}

/** Counts of one pass. */
export interface TransferSummary {
  deadlines: number;
  queued: number;
  sent: number;
  retried: number;
  failed: number;
  reversed: number;
  partiallyReversed: number;
  canceled: number;
}

/**
 * Stripe idempotency keys of a transfer row. A create key is per attempt: Stripe stores and replays the
 * answer of a key for 24 h, errors included, so a retry under the same key could never succeed; a
 * retry first looks the transfer up by `transfer_group` instead (see {@link runTransferPass}).
 */
export const transferKey = {
  create: (rowId: string, attempt: number) => `transfer:${rowId}:${attempt}`,
  /** Reversal up to the cumulative `target` (minor units): a retry with the same target replays safely. */
  reverse: (rowId: string, target: bigint) => `transfer:reverse:${rowId}:${target}`,
};

/** Delay before retry `attempt` (1-based): 30 s · 2^(attempt−1), at most one hour. */
export function retryDelayMs(attempt: number): number {
  return Math.min(30_000 * 2 ** Math.max(0, attempt - 1), 3_600_000);
}

/** The part of a payment intent (expanded `latest_charge.balance_transaction`) the fee lookup reads. */
const intentSchema = z.object({
  id: z.string(),
  object: z.literal("payment_intent"),
  latest_charge: z
    .union([
      z.string(),
      z.object({
        id: z.string(),
        object: z.literal("charge"),
        balance_transaction: z
          .union([
            z.string(),
            z.object({
              object: z.literal("balance_transaction"),
              amount: z.number().int(),
              fee: z.number().int(),
              currency: z.string(),
            }),
          ])
          .nullish(),
      }),
    ])
    .nullish(),
});

/** The charge id and Stripe fee (sale currency) of a payment intent; fee 0 when Stripe has no balance transaction yet. */
async function chargeAndFee(
  stripe: Stripe,
  paymentIntent: string,
  currency: string,
  gross: bigint,
): Promise<{ chargeId: string | null; stripeFee: bigint }> {
  const pi = intentSchema.parse(
    await stripe.paymentIntents.retrieve(paymentIntent, { expand: ["latest_charge.balance_transaction"] }),
  );
  const charge = pi.latest_charge;
  if (!charge) return { chargeId: null, stripeFee: 0n };
  if (typeof charge === "string") return { chargeId: charge, stripeFee: 0n };
  const bt = charge.balance_transaction;
  if (!bt || typeof bt === "string") return { chargeId: charge.id, stripeFee: 0n };
  const fee = stripeFeeInSaleCurrency(
    BigInt(bt.fee),
    BigInt(bt.amount),
    bt.currency.toLowerCase() === currency.toLowerCase(),
    gross,
  );
  return { chargeId: charge.id, stripeFee: fee };
}

/** Runs one pass (see the module comment). Stripe errors of single rows are logged and retried, not thrown. */
export async function runTransferPass(deps: TransferDeps): Promise<TransferSummary> {
  const s: TransferSummary = {
    deadlines: 0,
    queued: 0,
    sent: 0,
    retried: 0,
    failed: 0,
    reversed: 0,
    partiallyReversed: 0,
    canceled: 0,
  };
  s.deadlines = await fillDeadlines(deps);
  const chainNow = new Date(Number(await deps.chainTime()) * 1000);
  s.queued = await queueMatured(deps, chainNow);
  await sendPending(deps, s);
  await reverseRefunded(deps, s);
  return s;
}

/** Step 1: refund deadlines (and terms missing on old sales) from the indexed on-chain record. */
async function fillDeadlines(deps: TransferDeps): Promise<number> {
  const { db } = deps;
  const rows = await db.cardPayment.findMany({
    where: { status: "PAID", problem: null, refundDeadline: null, paymentIntent: { not: null } },
    orderBy: { paidAt: "asc" },
    take: deps.batch ?? 50,
    select: {
      id: true,
      paymentIntent: true,
      providerId: true,
      platformFeeBps: true,
      refundWindowSeconds: true,
      course: { select: { providerId: true, refundWindowDays: true } },
    },
  });
  if (rows.length === 0) return 0;
  const refOf = new Map(rows.map((r) => [paymentRefOf(r.paymentIntent ?? "").toLowerCase(), r] as const));
  const records = await db.purchase.findMany({
    where: { chainId: deps.chainId, card: true, paymentRef: { in: [...refOf.keys()] } },
    select: { paymentRef: true, createdAt: true, refundDeadline: true },
  });
  let n = 0;
  for (const rec of records) {
    const row = refOf.get((rec.paymentRef ?? "").toLowerCase());
    if (!row) continue;
    const windowSeconds = row.refundWindowSeconds ?? row.course.refundWindowDays * 86_400;
    const { count } = await db.cardPayment.updateMany({
      where: { id: row.id, refundDeadline: null },
      data: {
        refundDeadline: rec.refundDeadline ?? new Date(rec.createdAt.getTime() + windowSeconds * 1000),
        refundWindowSeconds: windowSeconds,
        providerId: row.providerId ?? row.course.providerId,
        platformFeeBps: row.platformFeeBps ?? deps.platformFeeBps,
      },
    });
    n += count;
  }
  return n;
}

/** Step 2: one StripeTransfer row per sale whose refund window ended on chain. */
async function queueMatured(deps: TransferDeps, chainNow: Date): Promise<number> {
  const { db, log } = deps;
  const due = await db.cardPayment.findMany({
    where: { status: "PAID", problem: null, refundDeadline: { lte: chainNow }, transfer: null },
    orderBy: { refundDeadline: "asc" },
    take: deps.batch ?? 50,
    select: {
      id: true,
      amount: true,
      currency: true,
      paymentIntent: true,
      providerId: true,
      platformFeeBps: true,
    },
  });
  let n = 0;
  for (const sale of due) {
    if (!sale.paymentIntent || !sale.providerId) continue;
    const gross = BigInt(sale.amount.toFixed(0));
    let fee: { chargeId: string | null; stripeFee: bigint };
    try {
      fee = await chargeAndFee(deps.stripe, sale.paymentIntent, sale.currency, gross);
    } catch (err) {
      log.warn("stripe fee lookup failed; the transfer waits", {
        cardPaymentId: sale.id,
        error: describeStripeError(err),
      });
      continue;
    }
    const split = splitCardSale(gross, sale.platformFeeBps ?? deps.platformFeeBps, fee.stripeFee);
    const { count } = await db.stripeTransfer.createMany({
      data: [
        {
          cardPaymentId: sale.id,
          providerId: sale.providerId,
          currency: sale.currency,
          grossAmount: split.gross.toString(),
          platformFee: split.platformFee.toString(),
          stripeFeeShare: split.stripeFeeShare.toString(),
          amount: split.providerAmount.toString(),
          chargeId: fee.chargeId,
          ...(split.providerAmount === 0n ? { status: "CANCELED" as const, lastError: "provider share is 0" } : {}),
        },
      ],
      skipDuplicates: true,
    });
    n += count;
    if (count)
      log.info("card sale matured; provider transfer queued", { cardPaymentId: sale.id, ...strings({ ...split }) });
  }
  return n;
}

const strings = (o: { [k: string]: bigint }) =>
  Object.fromEntries(Object.entries(o).map(([k, v]) => [k, v.toString()]));

/** Step 3: sends due PENDING rows of providers with payouts enabled. */
async function sendPending(deps: TransferDeps, s: TransferSummary): Promise<void> {
  const { db, stripe, log } = deps;
  const now = deps.now?.() ?? new Date();
  const due = await db.$queryRaw<{ id: string; accountId: string }[]>`
    SELECT t."id", a."accountId"
    FROM "StripeTransfer" t
    JOIN "StripeConnectAccount" a ON a."userId" = t."providerId" AND a."payoutsEnabled"
    JOIN "CardPayment" c ON c."id" = t."cardPaymentId" AND c."status" = 'PAID'
    WHERE t."status" = 'PENDING' AND t."nextAttemptAt" <= ${now}
    ORDER BY t."nextAttemptAt" ASC
    LIMIT ${deps.batch ?? 50}`;
  for (const { id, accountId } of due) {
    const row = await db.stripeTransfer.findUniqueOrThrow({ where: { id } });
    const attempt = row.attempts + 1;
    // Claim before calling Stripe: a crash after Stripe answered leaves attempts > 0, so the retry looks first.
    const claimed = await db.stripeTransfer.updateMany({
      where: { id, status: "PENDING", attempts: row.attempts },
      data: { attempts: attempt, nextAttemptAt: new Date(now.getTime() + retryDelayMs(attempt)) },
    });
    if (claimed.count === 0) continue;
    try {
      let transfer: Stripe.Transfer | undefined;
      if (row.attempts > 0) {
        const found = await stripe.transfers.list({ transfer_group: row.cardPaymentId, limit: 10 });
        transfer = found.data.find((t) => t.metadata.stripeTransferId === row.id);
      }
      transfer ??= await stripe.transfers.create(
        {
          amount: Number(row.amount.toFixed(0)),
          currency: row.currency.toLowerCase(),
          destination: accountId,
          transfer_group: row.cardPaymentId,
          ...(row.chargeId ? { source_transaction: row.chargeId } : {}),
          metadata: { stripeTransferId: row.id, cardPaymentId: row.cardPaymentId, providerId: row.providerId },
        },
        { idempotencyKey: transferKey.create(row.id, attempt) },
      );
      await db.stripeTransfer.updateMany({
        where: { id, status: { in: ["PENDING", "FAILED"] } },
        data: {
          status: "SENT",
          transferId: transfer.id,
          destination: accountId,
          sentAt: new Date(),
          lastError: null,
          nextAttemptAt: new Date(), // a refund from now on is reversed at the next pass
        },
      });
      s.sent++;
      log.info("provider transfer sent", {
        stripeTransferId: id,
        transferId: transfer.id,
        amount: row.amount.toFixed(0),
      });
    } catch (err) {
      const error = describeStripeError(err);
      const failed = attempt >= deps.maxAttempts;
      await db.stripeTransfer.updateMany({
        where: { id, status: "PENDING" },
        data: {
          lastError: String(error.message ?? "stripe error").slice(0, 500),
          ...(failed ? { status: "FAILED" as const } : {}),
        },
      });
      if (failed) s.failed++;
      else s.retried++;
      log[failed ? "error" : "warn"](
        failed ? "provider transfer failed; giving up" : "provider transfer failed; retrying",
        {
          stripeTransferId: id,
          attempt,
          error,
        },
      );
    }
  }
}

/**
 * The cumulative reversal owed on a transfer of `amount` for a sale of `gross` of which `refunded` was
 * refunded (all minor units): ⌊amount × refunded / gross⌋, the provider bearing the refund in proportion to
 * their share. Rounded down (at most one minor unit per sale in the provider's favour); a full refund
 * (refunded ≥ gross) reverses the whole `amount`. Cumulative, so several partial refunds never add rounding.
 */
export function reversalTarget(amount: bigint, gross: bigint, refunded: bigint): bigint {
  if (gross <= 0n || refunded <= 0n) return 0n;
  if (refunded >= gross) return amount;
  return (amount * refunded) / gross;
}

/** Step 4: cancel unsent rows of refunded sales; reverse sent transfers after (partial) refunds. */
async function reverseRefunded(deps: TransferDeps, s: TransferSummary): Promise<void> {
  const { db, stripe, log } = deps;
  const now = deps.now?.() ?? new Date();
  const canceled = await db.stripeTransfer.updateMany({
    where: { status: { in: ["PENDING", "FAILED"] }, cardPayment: { status: "REFUNDED" } },
    data: { status: "CANCELED", lastError: "sale refunded before the transfer" },
  });
  s.canceled += canceled.count;
  // SENT rows whose sale was refunded in full, or partially beyond what was reversed so far.
  const due = await db.$queryRaw<{ id: string }[]>`
    SELECT t."id" FROM "StripeTransfer" t JOIN "CardPayment" c ON c."id" = t."cardPaymentId"
    WHERE t."status" = 'SENT' AND t."transferId" IS NOT NULL AND t."nextAttemptAt" <= ${now}
      AND (c."status" = 'REFUNDED'
        OR (c."amountRefunded" > 0 AND FLOOR(t."amount" * c."amountRefunded" / t."grossAmount") > t."amountReversed"))
    ORDER BY t."updatedAt" ASC
    LIMIT ${deps.batch ?? 50}`;
  for (const { id } of due) {
    const row = await db.stripeTransfer.findUniqueOrThrow({
      where: { id },
      include: { cardPayment: { select: { status: true, amountRefunded: true } } },
    });
    if (!row.transferId) continue;
    const amount = BigInt(row.amount.toFixed(0));
    const full = row.cardPayment.status === "REFUNDED";
    const target = full
      ? amount
      : reversalTarget(amount, BigInt(row.grossAmount.toFixed(0)), BigInt(row.cardPayment.amountRefunded.toFixed(0)));
    try {
      // Stripe's own count is the truth: a reversal made before a crash (or from the dashboard) is not repeated.
      const current = await stripe.transfers.retrieve(row.transferId);
      const already = BigInt(current.amount_reversed);
      let reversalId = row.reversalId;
      if (target > already) {
        const reversal = await stripe.transfers.createReversal(
          row.transferId,
          {
            amount: Number(target - already),
            metadata: {
              stripeTransferId: row.id,
              cardPaymentId: row.cardPaymentId,
              reason: full ? "sale refunded" : "sale partially refunded",
            },
          },
          { idempotencyKey: transferKey.reverse(row.id, target) },
        );
        reversalId = reversal.id;
      }
      const reversed = target > already ? target : already;
      const { count } = await db.stripeTransfer.updateMany({
        where: { id: row.id, status: "SENT" },
        data: {
          amountReversed: reversed.toString(),
          reversalId,
          reversedAt: new Date(),
          lastError: null,
          ...(reversed >= amount ? { status: "REVERSED" as const } : {}),
        },
      });
      if (reversed >= amount) s.reversed += count;
      else s.partiallyReversed += count;
      log.info(full ? "provider transfer reversed after a refund" : "provider transfer partially reversed", {
        stripeTransferId: row.id,
        reversalId,
        reversed: reversed.toString(),
        of: amount.toString(),
      });
    } catch (err) {
      const error = describeStripeError(err);
      const attempt = row.attempts + 1;
      await db.stripeTransfer.updateMany({
        where: { id: row.id, status: "SENT" },
        data: {
          attempts: attempt,
          nextAttemptAt: new Date(now.getTime() + retryDelayMs(attempt)),
          lastError: `reversal: ${String(error.message ?? "stripe error")}`.slice(0, 500),
        },
      });
      log.error("provider transfer reversal failed; retrying", { stripeTransferId: row.id, error });
    }
  }
}
