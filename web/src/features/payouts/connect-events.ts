/**
 * Stripe Connect webhook events of provider payouts (issue 15), applied inside the webhook transaction
 * that stored the event (idempotent: every update is conditional, a replay changes nothing):
 * - `transfer.created`: a transfer we sent (metadata `stripeTransferId`) is marked SENT — this closes the
 *   gap when the worker crashed between Stripe's answer and its own commit;
 * - `transfer.reversed`: a fully reversed transfer (also one reversed in the dashboard) is marked REVERSED;
 * - `payout.paid` / `payout.failed` (events of a connected account, `event.account`): the payout to the
 *   provider's bank is stored (shown as withdrawn on /earnings).
 */
import type { Prisma } from "@smolitux/db";
import { z } from "zod";

/** What a Connect payout event handler did. */
export type ConnectEventOutcome =
  | "transfer_recorded"
  | "transfer_reversed"
  | "partial_reversal_ignored"
  | "unknown_transfer"
  | "payout_recorded"
  | "unknown_account"
  | "already_processed";

/** The part of a Stripe `transfer` object we read. */
export const stripeTransferSchema = z.object({
  id: z.string().regex(/^tr_[A-Za-z0-9]+$/),
  object: z.literal("transfer"),
  amount: z.number().int().nonnegative(),
  amount_reversed: z.number().int().nonnegative(),
  currency: z.string().length(3),
  destination: z.union([z.string(), z.object({ id: z.string() })]).nullish(),
  metadata: z.record(z.string(), z.string()).nullish(),
  reversed: z.boolean(),
  reversals: z.object({ data: z.array(z.object({ id: z.string() })) }).nullish(),
  transfer_group: z.string().nullish(),
});

/** The part of a Stripe `payout` object we read. */
export const stripePayoutSchema = z.object({
  id: z.string().regex(/^po_[A-Za-z0-9]+$/),
  object: z.literal("payout"),
  amount: z.number().int().nonnegative(),
  currency: z.string().length(3),
  status: z.string(),
  arrival_date: z.number().int().nullish(),
  failure_code: z.string().nullish(),
});

/** `transfer.created`. */
export async function applyTransferCreated(
  tx: Prisma.TransactionClient,
  object: unknown,
): Promise<ConnectEventOutcome> {
  const t = stripeTransferSchema.parse(object);
  const rowId = t.metadata?.stripeTransferId;
  const row = await tx.stripeTransfer.findFirst({
    where: { OR: [{ transferId: t.id }, ...(rowId ? [{ id: rowId }] : [])] },
    select: { id: true, status: true },
  });
  if (!row) return "unknown_transfer";
  const destination = typeof t.destination === "string" ? t.destination : (t.destination?.id ?? null);
  const { count } = await tx.stripeTransfer.updateMany({
    where: { id: row.id, status: { in: ["PENDING", "FAILED"] } },
    data: {
      status: "SENT",
      transferId: t.id,
      destination,
      sentAt: new Date(),
      lastError: null,
      nextAttemptAt: new Date(),
    },
  });
  return count === 1 ? "transfer_recorded" : "already_processed";
}

/** `transfer.reversed` (full reversals only; a partial one leaves the row SENT). */
export async function applyTransferReversed(
  tx: Prisma.TransactionClient,
  object: unknown,
): Promise<ConnectEventOutcome> {
  const t = stripeTransferSchema.parse(object);
  if (t.amount_reversed < t.amount) return "partial_reversal_ignored";
  const row = await tx.stripeTransfer.findUnique({ where: { transferId: t.id }, select: { id: true } });
  if (!row) return "unknown_transfer";
  const { count } = await tx.stripeTransfer.updateMany({
    where: { id: row.id, status: { not: "REVERSED" } },
    data: { status: "REVERSED", reversalId: t.reversals?.data[0]?.id ?? null, reversedAt: new Date() },
  });
  return count === 1 ? "transfer_reversed" : "already_processed";
}

/**
 * `payout.paid` / `payout.failed` of a connected account.
 * @param account `event.account` (the connected account the event belongs to)
 */
export async function applyPayoutEvent(
  tx: Prisma.TransactionClient,
  object: unknown,
  account: string | null,
  status: "PAID" | "FAILED",
): Promise<ConnectEventOutcome> {
  const p = stripePayoutSchema.parse(object);
  if (!account) return "unknown_account";
  const known = await tx.stripeConnectAccount.findUnique({ where: { accountId: account }, select: { id: true } });
  if (!known) return "unknown_account";
  const data = {
    accountId: account,
    amount: String(p.amount),
    currency: p.currency.toLowerCase(),
    status,
    failureCode: p.failure_code ?? null,
    arrivalDate: p.arrival_date ? new Date(p.arrival_date * 1000) : null,
  };
  await tx.stripePayout.upsert({ where: { payoutId: p.id }, create: { payoutId: p.id, ...data }, update: data });
  return "payout_recorded";
}
