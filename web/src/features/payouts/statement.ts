/**
 * Card statement of a provider (issue 15, item 3): every card sale of its courses with the payout split
 * and state, and balances per currency — pending (refund window still open in chain time, or the sale not
 * yet recorded on chain), available (window ended, not transferred: queued, held until payouts are enabled,
 * or failed), transferred (sent to the provider's Stripe account), reversed (refunded after the transfer)
 * and paid out to the provider's bank (`payout.paid` events). Amounts are integers in minor units as
 * decimal strings. Before a transfer is queued the Stripe fee is unknown: pending amounts are the price
 * less the platform fee (the Stripe fee share is deducted when the transfer is made).
 */
import type { PrismaClient, StripeTransferStatus } from "@smolitux/db";
import { splitCardSale } from "./fees.ts";

/** Payout state of one card sale. */
export type CardPayoutState =
  "pending" | "available" | "held" | "transferred" | "failed" | "reversed" | "refunded" | "canceled";

/** One row of the per-sale table. */
export interface CardStatementSale {
  cardPaymentId: string;
  /** ISO-8601 UTC (payment time) */
  date: string;
  course: { slug: string; title: string };
  currency: "EUR" | "USD";
  gross: string;
  platformFee: string;
  /** null until the transfer is queued (the Stripe fee is read then) */
  stripeFeeShare: string | null;
  providerAmount: string;
  /** ISO-8601 UTC; null while the sale is not recorded on chain */
  refundDeadline: string | null;
  state: CardPayoutState;
  transferId: string | null;
}

/** Balances of one currency (minor units, decimal strings). */
export interface CardBalance {
  currency: "EUR" | "USD";
  pending: string;
  available: string;
  transferred: string;
  reversed: string;
  paidOut: string;
}

/** The provider's card statement. */
export interface CardStatement {
  balances: CardBalance[];
  sales: CardStatementSale[];
  /** whether the provider's Connect account has payouts enabled */
  payoutsEnabled: boolean;
}

const FIAT = ["EUR", "USD"] as const;

function stateOf(
  status: string,
  problem: string | null,
  transfer: StripeTransferStatus | null,
  deadline: Date | null,
  chainNow: Date,
  payoutsEnabled: boolean,
): CardPayoutState {
  if (status === "REFUNDED") return transfer === "REVERSED" ? "reversed" : "refunded";
  if (problem !== null) return "refunded";
  switch (transfer) {
    case "SENT":
      return "transferred";
    case "FAILED":
      return "failed";
    case "CANCELED":
      return "canceled";
    case "REVERSED":
      return "reversed";
    case "PENDING":
      return payoutsEnabled ? "available" : "held";
    default:
      if (!deadline || deadline > chainNow) return "pending";
      return payoutsEnabled ? "available" : "held";
  }
}

/**
 * The card statement of provider `userId`.
 * @param chainNow the chain's latest block time (refund windows end in chain time)
 * @param limit most recent sales in the table (balances always cover every sale)
 */
export async function cardStatement(
  db: PrismaClient,
  userId: string,
  chainNow: Date,
  limit = 500,
): Promise<CardStatement> {
  const account = await db.stripeConnectAccount.findUnique({
    where: { userId },
    select: { accountId: true, payoutsEnabled: true },
  });
  const payoutsEnabled = account?.payoutsEnabled ?? false;
  const rows = await db.cardPayment.findMany({
    where: {
      status: { in: ["PAID", "REFUNDED"] },
      OR: [{ providerId: userId }, { providerId: null, course: { providerId: userId } }],
    },
    orderBy: { paidAt: "desc" },
    select: {
      id: true,
      amount: true,
      currency: true,
      status: true,
      problem: true,
      paidAt: true,
      createdAt: true,
      platformFeeBps: true,
      refundDeadline: true,
      course: { select: { slug: true, title: true } },
      transfer: {
        select: {
          status: true,
          platformFee: true,
          stripeFeeShare: true,
          amount: true,
          amountReversed: true,
          transferId: true,
        },
      },
    },
  });
  const sales: CardStatementSale[] = [];
  /** Partial reversals (after partial refunds) of transfers still SENT, by currency. */
  const partlyReversed = new Map<string, bigint>();
  for (const r of rows) {
    if (r.currency !== "EUR" && r.currency !== "USD") continue;
    const gross = BigInt(r.amount.toFixed(0));
    const t = r.transfer;
    const estimate = splitCardSale(gross, r.platformFeeBps ?? 0, 0n);
    if (t?.status === "SENT" && !t.amountReversed.isZero()) {
      const add = BigInt(t.amountReversed.toFixed(0));
      partlyReversed.set(r.currency, (partlyReversed.get(r.currency) ?? 0n) + add);
    }
    sales.push({
      cardPaymentId: r.id,
      date: (r.paidAt ?? r.createdAt).toISOString(),
      course: r.course,
      currency: r.currency,
      gross: gross.toString(),
      platformFee: t ? t.platformFee.toFixed(0) : estimate.platformFee.toString(),
      stripeFeeShare: t ? t.stripeFeeShare.toFixed(0) : null,
      // After a partial refund the provider keeps the transfer less its proportional reversal.
      providerAmount: t
        ? (t.status === "SENT" ? t.amount.minus(t.amountReversed) : t.amount).toFixed(0)
        : estimate.providerAmount.toString(),
      refundDeadline: r.refundDeadline?.toISOString() ?? null,
      state: stateOf(r.status, r.problem, t?.status ?? null, r.refundDeadline, chainNow, payoutsEnabled),
      transferId: t?.transferId ?? null,
    });
  }
  const payouts = account
    ? await db.stripePayout.groupBy({
        by: ["currency"],
        where: { accountId: account.accountId, status: "PAID" },
        _sum: { amount: true },
      })
    : [];
  const balances = FIAT.map((currency): CardBalance => {
    const sum = (states: CardPayoutState[]) =>
      sales
        .filter((s) => s.currency === currency && states.includes(s.state))
        .reduce((a, s) => a + BigInt(s.providerAmount), 0n)
        .toString();
    const paid = payouts.find((p) => p.currency === currency.toLowerCase())?._sum.amount;
    return {
      currency,
      pending: sum(["pending"]),
      available: sum(["available", "held", "failed"]),
      transferred: sum(["transferred"]),
      reversed: (BigInt(sum(["reversed"])) + (partlyReversed.get(currency) ?? 0n)).toString(),
      paidOut: paid ? paid.toFixed(0) : "0",
    };
  });
  return { balances, sales: sales.slice(0, limit), payoutsEnabled };
}

/** Escapes one CSV field (RFC 4180) and defuses spreadsheet formulas (a leading = + - @ gets a quote). */
export function csvField(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** One crypto sale in escrow, as the CSV lists it (from the earnings service). */
export interface CryptoStatementSale {
  rail: "POL" | "ESN";
  purchaseId: string;
  courseTitle: string;
  providerAmount: string;
  refundDeadline: string;
  state: string;
}

/**
 * The statement as CSV (header + one line per sale; card rows first, then crypto sales in escrow).
 * Columns: rail, currency, date, course, gross, platform_fee, stripe_fee_share, provider_amount,
 * refund_deadline, state, reference. Amounts are integers in the currency's smallest unit.
 */
export function statementCsv(card: CardStatementSale[], crypto: CryptoStatementSale[]): string {
  const header = [
    "rail",
    "currency",
    "date",
    "course",
    "gross",
    "platform_fee",
    "stripe_fee_share",
    "provider_amount",
    "refund_deadline",
    "state",
    "reference",
  ];
  const lines = [
    header,
    ...card.map((s) => [
      "card",
      s.currency,
      s.date,
      s.course.title,
      s.gross,
      s.platformFee,
      s.stripeFeeShare ?? "",
      s.providerAmount,
      s.refundDeadline ?? "",
      s.state,
      s.transferId ?? s.cardPaymentId,
    ]),
    ...crypto.map((s) => [
      s.rail,
      s.rail,
      "",
      s.courseTitle,
      "",
      "",
      "",
      s.providerAmount,
      s.refundDeadline,
      s.state,
      `purchase:${s.purchaseId}`,
    ]),
  ];
  return lines.map((l) => l.map(csvField).join(",")).join("\r\n") + "\r\n";
}
