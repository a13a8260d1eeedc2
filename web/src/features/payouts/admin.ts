/**
 * Admin view of card payouts (issue 15): every provider's card balances per currency (pending = sales
 * not yet matured, available = queued/held/failed, transferred, reversed) and the failed transfers with
 * their last error. Platform admins only (the page checks the role). Amounts in minor units as strings.
 */
import type { PrismaClient } from "@smolitux/db";

/** One provider's card balances in one currency. */
export interface ProviderCardBalance {
  provider: { id: string; name: string | null; email: string | null };
  currency: string;
  pending: string;
  available: string;
  transferred: string;
  reversed: string;
  failedCount: number;
  payoutsEnabled: boolean;
}

/** A transfer that gave up. */
export interface FailedTransfer {
  id: string;
  provider: { id: string; name: string | null; email: string | null };
  currency: string;
  amount: string;
  attempts: number;
  lastError: string | null;
  updatedAt: string;
}

/** Balances of every provider with card sales (pending sales estimated as price − platform fee). */
export async function providerCardBalances(db: PrismaClient): Promise<ProviderCardBalance[]> {
  const transfers = await db.stripeTransfer.groupBy({
    by: ["providerId", "currency", "status"],
    _sum: { amount: true, amountReversed: true },
    _count: { _all: true },
  });
  const pending = await db.$queryRaw<{ providerId: string; currency: string; amount: string }[]>`
    SELECT COALESCE(c."providerId", co."providerId") AS "providerId", c."currency"::text AS "currency",
      SUM(c."amount" - FLOOR(c."amount" * COALESCE(c."platformFeeBps", 0) / 10000))::text AS "amount"
    FROM "CardPayment" c JOIN "Course" co ON co."id" = c."courseId"
    LEFT JOIN "StripeTransfer" t ON t."cardPaymentId" = c."id"
    WHERE c."status" = 'PAID' AND c."problem" IS NULL AND t."id" IS NULL
    GROUP BY 1, 2`;
  const keys = new Map<string, ProviderCardBalance>();
  const ids = new Set([...transfers.map((t) => t.providerId), ...pending.map((p) => p.providerId)]);
  const users = await db.user.findMany({
    where: { id: { in: [...ids] } },
    select: { id: true, name: true, email: true, stripeConnect: { select: { payoutsEnabled: true } } },
  });
  const userOf = new Map(users.map((u) => [u.id, u] as const));
  const entry = (providerId: string, currency: string) => {
    const k = `${providerId}:${currency}`;
    let e = keys.get(k);
    if (!e) {
      const u = userOf.get(providerId);
      e = {
        provider: { id: providerId, name: u?.name ?? null, email: u?.email ?? null },
        currency,
        pending: "0",
        available: "0",
        transferred: "0",
        reversed: "0",
        failedCount: 0,
        payoutsEnabled: u?.stripeConnect?.payoutsEnabled ?? false,
      };
      keys.set(k, e);
    }
    return e;
  };
  const add = (a: string, b: bigint) => (BigInt(a) + b).toString();
  for (const p of pending) entry(p.providerId, p.currency).pending = p.amount;
  for (const t of transfers) {
    const e = entry(t.providerId, t.currency);
    const amount = BigInt(t._sum.amount?.toFixed(0) ?? "0");
    // A SENT transfer partially reversed after a partial refund: the provider keeps amount − amountReversed.
    const partlyReversed = t.status === "SENT" ? BigInt(t._sum.amountReversed?.toFixed(0) ?? "0") : 0n;
    if (t.status === "PENDING" || t.status === "FAILED") e.available = add(e.available, amount);
    if (t.status === "SENT") e.transferred = add(e.transferred, amount - partlyReversed);
    if (partlyReversed > 0n) e.reversed = add(e.reversed, partlyReversed);
    if (t.status === "REVERSED") e.reversed = add(e.reversed, amount);
    if (t.status === "FAILED") e.failedCount += t._count._all;
  }
  return [...keys.values()].sort(
    (a, b) =>
      (a.provider.email ?? a.provider.id).localeCompare(b.provider.email ?? b.provider.id) ||
      a.currency.localeCompare(b.currency),
  );
}

/** Transfers that gave up (status FAILED), newest first. */
export async function failedTransfers(db: PrismaClient, limit = 100): Promise<FailedTransfer[]> {
  const rows = await db.stripeTransfer.findMany({
    where: { status: "FAILED" },
    orderBy: { updatedAt: "desc" },
    take: limit,
    select: {
      id: true,
      providerId: true,
      currency: true,
      amount: true,
      attempts: true,
      lastError: true,
      updatedAt: true,
    },
  });
  const users = await db.user.findMany({
    where: { id: { in: rows.map((r) => r.providerId) } },
    select: { id: true, name: true, email: true },
  });
  const userOf = new Map(users.map((u) => [u.id, u] as const));
  return rows.map((r) => ({
    id: r.id,
    provider: {
      id: r.providerId,
      name: userOf.get(r.providerId)?.name ?? null,
      email: userOf.get(r.providerId)?.email ?? null,
    },
    currency: r.currency,
    amount: r.amount.toFixed(0),
    attempts: r.attempts,
    lastError: r.lastError,
    updatedAt: r.updatedAt.toISOString(),
  }));
}
