/**
 * Card path end states (issue 10 §2): every paid checkout ends unlocked or refunded. Real database, the
 * local Stripe stub, genuinely signed events; the outbox rows' fate is set directly (the sender is
 * tested in server/outbox) and the settle pass is run by hand with a controlled clock.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eventEnvelope, saleEvents, sign, signatureFor } from "../../../../test/stripe/events.ts";
import { seedCourse, startCardHarness, type CardHarness } from "../../../../test/stripe/harness.ts";
import { createCardCheckout } from "./checkout.ts";
import { cardOutboxKey } from "./handlers.ts";
import { settleCardPayments } from "./settle.ts";
import { checkoutStatus } from "./status.ts";
import { handleStripeWebhook } from "./webhook.ts";

let h: CardHarness;
beforeAll(async () => {
  h = await startCardHarness();
});
afterAll(async () => {
  await h.close();
});

const deliver = (d: { body: string; signature: string }) => handleStripeWebhook(h.deps, d.body, d.signature);
const settle = (nowMs = Date.now()) =>
  settleCardPayments(h.deps, {
    recordTimeoutSeconds: 600,
    checkoutTimeoutSeconds: 3600,
    now: () => new Date(nowMs),
  });

async function checkout(learnerId: string, slug: string) {
  const res = await createCardCheckout(h.deps, learnerId, { courseSlug: slug, currency: "EUR" });
  const paymentIntent = String(h.stub.sessions.get(res.sessionId)?.payment_intent);
  return { ...res, paymentIntent };
}

async function paidSale() {
  const { learner, course } = await seedCourse(h.t.db);
  const c = await checkout(learner.id, course.slug);
  const events = saleEvents(h.deps.webhookSecret, {
    id: c.sessionId,
    paymentIntent: c.paymentIntent,
    amountTotal: 1999,
    currency: "eur",
    metadata: { courseId: course.id, userId: learner.id },
  });
  expect((await deliver(events.completed())).body.outcome).toBe("fulfilled");
  return { learner, course, ...c, events };
}

const stage = (learnerId: string, sessionId: string) => checkoutStatus(h.deps, learnerId, sessionId);
const autoRefunds = (cardPaymentId: string) =>
  h.stub.requests.filter((r) => r.path === "/v1/refunds" && r.idempotencyKey === `refund:auto:${cardPaymentId}`);

describe("webhook boundary", () => {
  it("stores a correctly signed but malformed event as failed and answers 200 (no retry storm, nothing else written)", async () => {
    const { learner, course } = await seedCourse(h.t.db);
    const c = await checkout(learner.id, course.slug);
    const broken = sign(
      eventEnvelope("checkout.session.completed", {
        id: c.sessionId,
        object: "checkout.session",
        amount_total: "lots",
      }),
      h.deps.webhookSecret,
    );
    const answer = await deliver(broken);
    expect(answer).toMatchObject({ status: 200, body: { received: true, outcome: "stored_as_failed" } });
    const stored = await h.t.db.stripeEvent.findUniqueOrThrow({ where: { id: broken.id } });
    expect(stored.error).toMatch(/^malformed checkout\.session\.completed: /);
    expect(stored.processedAt).toBeNull();
    expect(await h.t.db.cardPayment.findUniqueOrThrow({ where: { id: c.cardPaymentId } })).toMatchObject({
      status: "PENDING",
    });
    expect((await deliver(broken)).body.outcome).toBe("duplicate");
  });

  it("rejects signature timestamps beyond the tolerance in the past AND the future; accepts within", async () => {
    const event = eventEnvelope("plan.created", { id: "plan_x", object: "plan" });
    const body = JSON.stringify(event);
    const now = Math.floor(Date.now() / 1000);
    const at = (t: number) => handleStripeWebhook(h.deps, body, signatureFor(body, h.deps.webhookSecret, t));
    expect((await at(now + 3600)).status).toBe(400);
    expect((await at(now + 301)).status).toBe(400);
    expect((await at(now - 301)).status).toBe(400);
    expect(await h.t.db.stripeEvent.count({ where: { id: String(event.id) } })).toBe(0);
    expect((await at(now + 60)).status).toBe(200);
  });
});

describe("automatic refunds", () => {
  it("a second paid session for the same course is refunded automatically; the first one is recorded", async () => {
    const { learner, course } = await seedCourse(h.t.db);
    const first = await checkout(learner.id, course.slug);
    // Stripe ended the first session on its side (e.g. the learner's tab stayed open): a new one is created …
    h.stub.sessions.get(first.sessionId)!.status = "expired";
    const second = await checkout(learner.id, course.slug);
    expect(second.sessionId).not.toBe(first.sessionId);
    // … and both get paid anyway (delivery order: second, first, each twice).
    const facts = (c: typeof first) => ({
      id: c.sessionId,
      paymentIntent: c.paymentIntent,
      amountTotal: 1999,
      currency: "eur",
      metadata: { courseId: course.id, userId: learner.id },
    });
    const e2 = saleEvents(h.deps.webhookSecret, facts(second)).completed();
    const e1 = saleEvents(h.deps.webhookSecret, facts(first)).completed();
    const outcomes = [];
    for (const d of [e2, e1, e2, e1]) outcomes.push((await deliver(d)).body.outcome);
    expect(outcomes).toEqual(["fulfilled", "refund_scheduled", "duplicate", "duplicate"]);
    const rows = await h.t.db.cardPayment.findMany({ where: { userId: learner.id }, orderBy: { createdAt: "asc" } });
    expect(rows.map((r) => [r.status, r.problem])).toEqual([
      ["REFUNDED", "DUPLICATE_PAYMENT"],
      ["PAID", null],
    ]);
    expect(autoRefunds(first.cardPaymentId)).toHaveLength(1);
    expect(autoRefunds(first.cardPaymentId)[0]?.body).toMatchObject({
      payment_intent: first.paymentIntent,
      reason: "duplicate",
    });
    expect(await stage(learner.id, first.sessionId)).toMatchObject({ stage: "refunded", problem: "DUPLICATE_PAYMENT" });
    expect(await stage(learner.id, second.sessionId)).toMatchObject({ stage: "recording", problem: null });
    // the later charge.refunded webhook changes nothing
    const refunded = saleEvents(h.deps.webhookSecret, facts(first)).refunded();
    expect((await deliver(refunded)).body.outcome).toBe("already_processed");
  });

  it("a failed on-chain record is refunded once (idempotency key), shown as refunding → refunded", async () => {
    const sale = await paidSale();
    await h.t.db.outboxTx.update({
      where: { idempotencyKey: cardOutboxKey.record(sale.paymentIntent) },
      data: { status: "FAILED", lastError: "CourseMarketplaceListingInactive()" },
    });
    expect(await stage(sale.learner.id, sale.sessionId)).toMatchObject({ stage: "recording" });
    const s = await settle();
    expect(s).toMatchObject({ recordFailed: 1, refunded: 1 });
    const row = await h.t.db.cardPayment.findUniqueOrThrow({ where: { id: sale.cardPaymentId } });
    expect(row).toMatchObject({
      status: "REFUNDED",
      problem: "RECORD_FAILED",
      problemDetail: "CourseMarketplaceListingInactive()",
    });
    expect(row.refundId).toMatch(/^re_/);
    expect(await stage(sale.learner.id, sale.sessionId)).toMatchObject({ stage: "refunded", problem: "RECORD_FAILED" });
    await settle();
    expect(autoRefunds(sale.cardPaymentId)).toHaveLength(1);
    // nothing to revoke: the record never landed
    expect(await h.t.db.outboxTx.count({ where: { idempotencyKey: cardOutboxKey.revoke(sale.paymentIntent) } })).toBe(
      0,
    );
  });

  it("a Stripe outage during the refund leaves the sale 'refunding' and the next pass finishes it", async () => {
    const sale = await paidSale();
    await h.t.db.outboxTx.update({
      where: { idempotencyKey: cardOutboxKey.record(sale.paymentIntent) },
      data: { status: "FAILED", lastError: "reverted" },
    });
    const { createStripeClient } = await import("@/server/stripe.ts");
    const down = createStripeClient({
      CARD_PAYMENTS: true,
      STRIPE_SECRET_KEY: "sk_test_wrongkey",
      STRIPE_WEBHOOK_SECRET: h.deps.webhookSecret,
      STRIPE_API_BASE: h.stub.url,
    });
    const s = await settleCardPayments(
      { ...h.deps, stripe: down },
      { recordTimeoutSeconds: 600, checkoutTimeoutSeconds: 3600 },
    );
    expect(s).toMatchObject({ recordFailed: 1, refunded: 0 });
    expect(await stage(sale.learner.id, sale.sessionId)).toMatchObject({
      stage: "refunding",
      problem: "RECORD_FAILED",
    });
    expect(
      (await h.t.db.cardPayment.findUniqueOrThrow({ where: { id: sale.cardPaymentId } })).refundError,
    ).toBeTruthy();
    expect(await settle()).toMatchObject({ refunded: 1 });
    expect(await stage(sale.learner.id, sale.sessionId)).toMatchObject({ stage: "refunded" });
  });

  it("a record that does not confirm in time is refunded, and revoked if it confirms later", async () => {
    const sale = await paidSale();
    const problem = async () =>
      (await h.t.db.cardPayment.findUniqueOrThrow({ where: { id: sale.cardPaymentId } })).problem;
    const paidAt = (
      await h.t.db.cardPayment.findUniqueOrThrow({ where: { id: sale.cardPaymentId } })
    ).paidAt!.getTime();
    await settle(paidAt + 599_000);
    expect(await problem()).toBeNull();
    await settle(paidAt + 601_000);
    expect(await problem()).toBe("RECORD_TIMEOUT");
    expect(await stage(sale.learner.id, sale.sessionId)).toMatchObject({
      stage: "refunded",
      problem: "RECORD_TIMEOUT",
    });
    // the transaction lands after all: access granted by it is taken back
    await h.t.db.outboxTx.update({
      where: { idempotencyKey: cardOutboxKey.record(sale.paymentIntent) },
      data: { status: "CONFIRMED" },
    });
    expect(await settle()).toMatchObject({ revokesQueued: 1 });
    expect(await settle()).toMatchObject({ revokesQueued: 0 });
    const revoke = await h.t.db.outboxTx.findUniqueOrThrow({
      where: { idempotencyKey: cardOutboxKey.revoke(sale.paymentIntent) },
    });
    expect(revoke.kind).toBe("revokeCardPurchase");
  });

  it("a provider's refund while the record is in flight revokes once the record confirms", async () => {
    const sale = await paidSale();
    expect((await deliver(sale.events.refunded())).body.outcome).toBe("refund_recorded");
    expect(await settle()).toMatchObject({ revokesQueued: 0 });
    await h.t.db.outboxTx.update({
      where: { idempotencyKey: cardOutboxKey.record(sale.paymentIntent) },
      data: { status: "CONFIRMED" },
    });
    expect(await settle()).toMatchObject({ revokesQueued: 1 });
  });

  it("a course that is no longer published when the payment arrives is refunded, never recorded", async () => {
    const { learner, course } = await seedCourse(h.t.db);
    const c = await checkout(learner.id, course.slug);
    await h.t.db.course.update({ where: { id: course.id }, data: { status: "ARCHIVED" } });
    const e = saleEvents(h.deps.webhookSecret, {
      id: c.sessionId,
      paymentIntent: c.paymentIntent,
      amountTotal: 1999,
      currency: "eur",
      metadata: { courseId: course.id, userId: learner.id },
    }).completed();
    expect((await deliver(e)).body.outcome).toBe("refund_scheduled");
    expect(await stage(learner.id, c.sessionId)).toMatchObject({ stage: "refunded", problem: "COURSE_UNAVAILABLE" });
    expect(await h.t.db.outboxTx.count({ where: { idempotencyKey: cardOutboxKey.record(c.paymentIntent) } })).toBe(0);
  });
});

describe("unpaid checkouts", () => {
  it("an open checkout past its timeout is expired at Stripe and shown as expired; the expired event is idempotent", async () => {
    const { learner, course } = await seedCourse(h.t.db);
    const c = await checkout(learner.id, course.slug);
    expect(await settle(Date.now() + 3_601_000)).toMatchObject({ expired: expect.any(Number) });
    expect(h.stub.sessions.get(c.sessionId)?.status).toBe("expired");
    expect(await stage(learner.id, c.sessionId)).toMatchObject({ stage: "expired" });
    const expired = sign(
      eventEnvelope("checkout.session.expired", {
        ...(h.stub.sessions.get(c.sessionId) as Record<string, unknown>),
        payment_intent: null,
        status: "expired",
      }),
      h.deps.webhookSecret,
    );
    expect((await deliver(expired)).body.outcome).toBe("already_processed");
  });
});

describe("admin payment problems", () => {
  it("lists automatically refunded payments and failed events to platform admins only", async () => {
    const { paymentProblems } = await import("./problems.ts");
    const admin = { roles: ["LEARNER", "PLATFORM_ADMIN"] as ("LEARNER" | "PLATFORM_ADMIN")[] };
    const list = await paymentProblems(h.t.db, admin);
    expect(list.payments.map((p) => p.problem)).toEqual(
      expect.arrayContaining(["DUPLICATE_PAYMENT", "RECORD_FAILED", "RECORD_TIMEOUT", "COURSE_UNAVAILABLE"]),
    );
    expect(list.payments.every((p) => /^\d+$/.test(p.amount))).toBe(true);
    expect(list.events.some((e) => e.error.startsWith("malformed checkout.session.completed"))).toBe(true);
    await expect(paymentProblems(h.t.db, { roles: ["LEARNER", "PROVIDER"] })).rejects.toMatchObject({
      code: "forbidden",
    });
  });
});
