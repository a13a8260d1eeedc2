/**
 * Card sales for providers and admins: the list behind the earnings page and the refund action.
 * A refund only asks Stripe to refund; the resulting `charge.refunded` webhook marks the payment
 * REFUNDED and enqueues `revokeCardPurchase` (the indexer then revokes access once final).
 */
import type { CardPaymentStatus, Currency } from "@smolitux/db";
import { recordAudit } from "@/features/admin/audit.ts";
import { hasRole, type SessionUser } from "@/server/auth.ts";
import { ApiError } from "@/server/http.ts";
import { describeStripeError } from "./checkout.ts";
import type { CardDeps } from "./deps.ts";
import type { CardSalesQuery } from "./schemas.ts";

/** One card sale as the earnings page shows it. `amount` in cents (decimal string) of `currency`. */
export interface CardSaleView {
  id: string;
  course: { slug: string; title: string };
  currency: Currency;
  amount: string;
  status: CardPaymentStatus;
  /** ISO-8601 UTC */
  createdAt: string;
}

/** Totals per currency in cents (decimal strings): paid and not refunded, and refunded. */
export interface CardSalesTotals {
  currency: Currency;
  paid: string;
  refunded: string;
}

type Actor = Pick<SessionUser, "id" | "roles">;

/**
 * Card sales visible to `actor`: a platform admin sees all, a provider the sales of own courses.
 * Newest first; `nextCursor` continues the list.
 * @throws ApiError forbidden (neither provider nor admin)
 */
export async function listCardSales(
  deps: Pick<CardDeps, "db">,
  actor: Actor,
  query: CardSalesQuery,
): Promise<{ sales: CardSaleView[]; totals: CardSalesTotals[]; nextCursor: string | null }> {
  const admin = hasRole(actor, "PLATFORM_ADMIN");
  if (!admin && !hasRole(actor, "PROVIDER")) throw new ApiError("forbidden", "You are not allowed to do this.");
  const where = {
    course: { ...(admin ? {} : { providerId: actor.id }), ...(query.course ? { slug: query.course } : {}) },
  };
  const rows = await deps.db.cardPayment.findMany({
    where,
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: query.limit + 1,
    ...(query.cursor ? { cursor: { id: query.cursor }, skip: 1 } : {}),
    select: {
      id: true,
      currency: true,
      amount: true,
      status: true,
      createdAt: true,
      course: { select: { slug: true, title: true } },
    },
  });
  const page = rows.slice(0, query.limit);
  const sums = await deps.db.cardPayment.groupBy({
    by: ["currency", "status"],
    where: { ...where, status: { in: ["PAID", "REFUNDED"] } },
    _sum: { amount: true },
  });
  const totals = new Map<Currency, CardSalesTotals>();
  for (const s of sums) {
    const t = totals.get(s.currency) ?? { currency: s.currency, paid: "0", refunded: "0" };
    const key = s.status === "PAID" ? "paid" : "refunded";
    t[key] = (BigInt(t[key]) + BigInt(s._sum.amount?.toFixed(0) ?? "0")).toString();
    totals.set(s.currency, t);
  }
  return {
    sales: page.map((r) => ({
      id: r.id,
      course: r.course,
      currency: r.currency,
      amount: r.amount.toFixed(0),
      status: r.status,
      createdAt: r.createdAt.toISOString(),
    })),
    totals: [...totals.values()].sort((a, b) => a.currency.localeCompare(b.currency)),
    nextCursor: rows.length > query.limit ? (page.at(-1)?.id ?? null) : null,
  };
}

/**
 * Asks Stripe for a full refund of a PAID card sale (idempotency key `refund:<cardPaymentId>`, so a
 * repeated request never refunds twice) and audits the request. Access is revoked later by the
 * webhook → outbox → indexer path.
 * @throws ApiError not_found, forbidden (not the course's provider nor a platform admin),
 *   conflict (not PAID), internal (Stripe failed)
 */
export async function refundCardSale(
  deps: Pick<CardDeps, "db" | "stripe" | "log">,
  actor: Actor,
  cardPaymentId: string,
): Promise<{ refundId: string; status: string | null }> {
  const row = await deps.db.cardPayment.findUnique({
    where: { id: cardPaymentId },
    select: { id: true, status: true, paymentIntent: true, course: { select: { providerId: true } } },
  });
  if (!row) throw new ApiError("not_found", "Card sale not found.");
  const allowed =
    hasRole(actor, "PLATFORM_ADMIN") || (hasRole(actor, "PROVIDER") && row.course.providerId === actor.id);
  if (!allowed) throw new ApiError("forbidden", "You are not allowed to refund this sale.");
  if (row.status !== "PAID" || row.paymentIntent === null) {
    throw new ApiError("conflict", `Only paid sales can be refunded (this one is ${row.status.toLowerCase()}).`);
  }
  let refund;
  try {
    refund = await deps.stripe.refunds.create(
      {
        payment_intent: row.paymentIntent,
        reason: "requested_by_customer",
        metadata: { cardPaymentId: row.id, requestedBy: actor.id },
      },
      { idempotencyKey: `refund:${row.id}` },
    );
  } catch (err) {
    deps.log.error("stripe refund failed", { cardPaymentId: row.id, error: describeStripeError(err) });
    throw new ApiError("internal", "The payment provider could not refund this sale. Please try again.");
  }
  await recordAudit(deps.db, {
    actorId: actor.id,
    action: "card_sale.refund_requested",
    entity: "CardPayment",
    entityId: row.id,
    details: { refundId: refund.id, refundStatus: refund.status ?? null },
  });
  return { refundId: refund.id, status: refund.status };
}
