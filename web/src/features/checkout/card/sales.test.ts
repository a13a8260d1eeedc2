/** Card sales list and refunds (provider of the course / admin), refund → webhook → revoke, buyer status. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ApiError } from "@/server/http.ts";
import { saleEvents } from "../../../../test/stripe/events.ts";
import { seedCourse, startCardHarness, type CardHarness } from "../../../../test/stripe/harness.ts";
import { createCardCheckout } from "./checkout.ts";
import { cardOutboxKey } from "./handlers.ts";
import { listCardSales, refundCardSale } from "./sales.ts";
import { checkoutStatus } from "./status.ts";
import { handleStripeWebhook } from "./webhook.ts";

let h: CardHarness;
beforeAll(async () => {
  h = await startCardHarness();
});
afterAll(async () => {
  await h.close();
});

/** A paid card sale (session via the stub, signed completion through the webhook). */
async function paidSale() {
  const seeded = await seedCourse(h.t.db);
  const { sessionId, cardPaymentId } = await createCardCheckout(h.deps, seeded.learner.id, {
    courseSlug: seeded.course.slug,
    currency: "EUR",
  });
  const paymentIntent = String(h.stub.sessions.get(sessionId)?.payment_intent);
  const events = saleEvents(h.deps.webhookSecret, {
    id: sessionId,
    paymentIntent,
    amountTotal: 1999,
    currency: "eur",
    metadata: { courseId: seeded.course.id, userId: seeded.learner.id },
  });
  const d = events.completed();
  expect((await handleStripeWebhook(h.deps, d.body, d.signature)).body.outcome).toBe("fulfilled");
  return { ...seeded, sessionId, cardPaymentId, paymentIntent, events };
}

const as = (user: { id: string; roles: string[] }) => ({
  id: user.id,
  roles: user.roles as ("LEARNER" | "PROVIDER" | "PLATFORM_ADMIN")[],
});
const statusOf = (p: Promise<unknown>) =>
  p.then(
    () => 0,
    (e: unknown) => (e instanceof ApiError ? e.status : -1),
  );

describe("refundCardSale", () => {
  it("lets the course's provider refund once via Stripe; the charge.refunded webhook enqueues the revoke", async () => {
    const sale = await paidSale();
    const first = await refundCardSale(h.deps, as(sale.provider), sale.cardPaymentId);
    const again = await refundCardSale(h.deps, as(sale.provider), sale.cardPaymentId);
    expect(again.refundId).toBe(first.refundId);
    const calls = h.stub.requests.filter(
      (r) => r.path === "/v1/refunds" && r.idempotencyKey === `refund:${sale.cardPaymentId}`,
    );
    expect(calls).toHaveLength(2);
    expect(calls[0]?.body).toMatchObject({
      payment_intent: sale.paymentIntent,
      metadata: { cardPaymentId: sale.cardPaymentId },
    });
    expect(await h.t.db.auditLog.count({ where: { entity: "CardPayment", entityId: sale.cardPaymentId } })).toBe(2);
    // Nothing changes until Stripe confirms the refund by webhook.
    expect((await h.t.db.cardPayment.findUniqueOrThrow({ where: { id: sale.cardPaymentId } })).status).toBe("PAID");
    // the on-chain record has landed (revocations follow a CONFIRMED record; in-flight ones: settle.ts)
    await h.t.db.outboxTx.update({
      where: { idempotencyKey: cardOutboxKey.record(sale.paymentIntent) },
      data: { status: "CONFIRMED" },
    });
    const refunded = sale.events.refunded();
    for (const _ of [1, 2]) await handleStripeWebhook(h.deps, refunded.body, refunded.signature);
    expect((await h.t.db.cardPayment.findUniqueOrThrow({ where: { id: sale.cardPaymentId } })).status).toBe("REFUNDED");
    expect(await h.t.db.outboxTx.count({ where: { idempotencyKey: cardOutboxKey.revoke(sale.paymentIntent) } })).toBe(
      1,
    );
    expect(await statusOf(refundCardSale(h.deps, as(sale.provider), sale.cardPaymentId))).toBe(409);
  });

  it("refuses other providers and learners (403), unknown ids (404) and unpaid sales (409); admins may refund", async () => {
    const sale = await paidSale();
    const other = await seedCourse(h.t.db);
    expect(await statusOf(refundCardSale(h.deps, as(other.provider), sale.cardPaymentId))).toBe(403);
    expect(await statusOf(refundCardSale(h.deps, as(sale.learner), sale.cardPaymentId))).toBe(403);
    expect(await statusOf(refundCardSale(h.deps, as(sale.provider), "nope"))).toBe(404);
    const pending = await createCardCheckout(h.deps, other.learner.id, {
      courseSlug: sale.course.slug,
      currency: "EUR",
    });
    expect(await statusOf(refundCardSale(h.deps, as(sale.provider), pending.cardPaymentId))).toBe(409);
    const admin = await h.t.db.user.create({ data: { roles: ["LEARNER", "PLATFORM_ADMIN"] } });
    expect((await refundCardSale(h.deps, as(admin), sale.cardPaymentId)).status).toBe("succeeded");
    expect(h.stub.requests.filter((r) => r.path === "/v1/refunds").length).toBeGreaterThan(0);
  });
});

describe("listCardSales", () => {
  it("shows a provider only own courses' sales with totals in cents; admins see all; learners are refused", async () => {
    const a = await paidSale();
    const b = await paidSale();
    const mine = await listCardSales(h.deps, as(a.provider), { limit: 50 });
    expect(mine.sales.map((s) => s.id)).toEqual([a.cardPaymentId]);
    expect(mine.sales[0]).toMatchObject({
      currency: "EUR",
      amount: "1999",
      status: "PAID",
      course: { slug: a.course.slug },
    });
    expect(mine.totals).toEqual([{ currency: "EUR", paid: "1999", refunded: "0" }]);
    expect((await listCardSales(h.deps, as(a.provider), { course: b.course.slug, limit: 50 })).sales).toEqual([]);
    const admin = await h.t.db.user.create({ data: { roles: ["LEARNER", "PLATFORM_ADMIN"] } });
    const all = await listCardSales(h.deps, as(admin), { limit: 1 });
    expect(all.sales).toHaveLength(1);
    expect(all.nextCursor).toBe(all.sales[0]?.id);
    const next = await listCardSales(h.deps, as(admin), { limit: 1, cursor: all.nextCursor ?? undefined });
    expect(next.sales[0]?.id).not.toBe(all.sales[0]?.id);
    expect(await statusOf(listCardSales(h.deps, as(a.learner), { limit: 50 }))).toBe(403);
  });
});

describe("checkoutStatus", () => {
  it("reports payment → recording → unlocked to the buyer only", async () => {
    const sale = await paidSale();
    expect((await checkoutStatus(h.deps, sale.learner.id, sale.sessionId)).stage).toBe("recording");
    expect(await statusOf(checkoutStatus(h.deps, sale.provider.id, sale.sessionId))).toBe(404);
    // The indexer's write after finality (simulated here: this file has no chain).
    await h.t.db.enrollment.create({ data: { userId: sale.learner.id, courseId: sale.course.id, source: "CARD" } });
    expect((await checkoutStatus(h.deps, sale.learner.id, sale.sessionId)).stage).toBe("unlocked");
  });
});
