/**
 * Webhook integration tests: genuinely signed events built from the real Stripe fixtures (our envelope,
 * see test/stripe/events.ts), a real database, sessions created through the local Stripe stub.
 */
import { decodeFunctionData } from "viem";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { courseIdToBytes32 } from "@smolitux/contracts/courseId";
import { placeholderAddress } from "@/features/enrollment/learner-address.ts";
import { saleEvents, signStripeFixtureEvent, type SignedDelivery } from "../../../../test/stripe/events.ts";
import { fixture } from "../../../../test/stripe/fixtures.ts";
import { seedCourse, startCardHarness, type CardHarness } from "../../../../test/stripe/harness.ts";
import { createCardCheckout } from "./checkout.ts";
import { cardOutboxKey, paymentRefOf } from "./handlers.ts";
import { handleStripeWebhook } from "./webhook.ts";

let h: CardHarness;
beforeAll(async () => {
  h = await startCardHarness();
});
afterAll(async () => {
  await h.close();
});

const deliver = (d: SignedDelivery) => handleStripeWebhook(h.deps, d.body, d.signature);

/** A learner with a created checkout session (PENDING row) and the signed events of that sale. */
async function newSale(opts: { wallet?: `0x${string}` } = {}) {
  const { learner, course } = await seedCourse(h.t.db);
  if (opts.wallet) await h.t.db.wallet.create({ data: { address: opts.wallet, userId: learner.id } });
  const { sessionId, cardPaymentId } = await createCardCheckout(h.deps, learner.id, {
    courseSlug: course.slug,
    currency: "EUR",
  });
  const created = h.stub.sessions.get(sessionId);
  const paymentIntent = String(created?.payment_intent);
  const facts = {
    id: sessionId,
    paymentIntent,
    amountTotal: 1999,
    currency: "eur",
    metadata: { courseId: course.id, userId: learner.id },
  };
  return { learner, course, cardPaymentId, paymentIntent, facts, events: saleEvents(h.deps.webhookSecret, facts) };
}

async function state(cardPaymentId: string, paymentIntent: string) {
  const db = h.t.db;
  const row = await db.cardPayment.findUniqueOrThrow({ where: { id: cardPaymentId } });
  const outbox = await db.outboxTx.findMany({
    where: { idempotencyKey: { in: [cardOutboxKey.record(paymentIntent), cardOutboxKey.revoke(paymentIntent)] } },
    orderBy: { createdAt: "asc" },
  });
  return { status: row.status, paymentIntent: row.paymentIntent, kinds: outbox.map((o) => o.kind), outbox };
}

describe("signature verification", () => {
  it("answers 400 and stores nothing for a missing, foreign or tampered signature", async () => {
    const good = signStripeFixtureEvent(h.deps.webhookSecret);
    const before = await h.t.db.stripeEvent.count();
    expect((await handleStripeWebhook(h.deps, good.body, null)).status).toBe(400);
    expect((await deliver(signStripeFixtureEvent("whsec_someoneelse0123456789"))).status).toBe(400);
    expect(
      (await handleStripeWebhook(h.deps, good.body.replace("plan.created", "plan.deleted"), good.signature)).status,
    ).toBe(400);
    const stale = signStripeFixtureEvent(h.deps.webhookSecret, Math.floor(Date.now() / 1000) - 3600);
    expect((await deliver(stale)).status).toBe(400);
    expect(await h.t.db.stripeEvent.count()).toBe(before);
  });

  it("acknowledges (200) and stores an event type it does not handle, once", async () => {
    const raw = fixture("event"); // the real plan.created event
    const d = signStripeFixtureEvent(h.deps.webhookSecret);
    expect(await deliver(d)).toEqual({ status: 200, body: { received: true, outcome: "ignored" } });
    expect(await deliver(d)).toEqual({ status: 200, body: { received: true, outcome: "duplicate" } });
    const stored = await h.t.db.stripeEvent.findUniqueOrThrow({ where: { id: String(raw.id) } });
    expect(stored.type).toBe("plan.created");
    expect(stored.processedAt).not.toBeNull();
  });
});

describe("fulfilment", () => {
  it("marks PAID and enqueues exactly one recordCardPurchase for repeated and async deliveries; no enrollment", async () => {
    const sale = await newSale();
    const completed = sale.events.completed();
    expect((await deliver(completed)).body.outcome).toBe("fulfilled");
    expect((await deliver(completed)).body.outcome).toBe("duplicate");
    expect((await deliver(sale.events.asyncSucceeded())).body.outcome).toBe("already_processed");
    const s = await state(sale.cardPaymentId, sale.paymentIntent);
    expect(s.status).toBe("PAID");
    expect(s.paymentIntent).toBe(sale.paymentIntent);
    expect(s.kinds).toEqual(["recordCardPurchase"]);
    const row = s.outbox[0]!;
    const payload = row.payload as { to: string; data: `0x${string}` };
    expect(payload.to).toBe(h.deps.outbox.contracts.CourseMarketplace.address);
    const call = decodeFunctionData({ abi: h.deps.outbox.contracts.CourseMarketplace.abi, data: payload.data });
    expect(call.functionName).toBe("recordCardPurchase");
    expect(call.args).toEqual([
      courseIdToBytes32(sale.course.id),
      placeholderAddress(sale.learner.id),
      paymentRefOf(sale.paymentIntent),
      // the sale's refund window fixed at checkout, recorded on chain as the card refund deadline's basis
      (await h.t.db.cardPayment.findUniqueOrThrow({ where: { id: sale.cardPaymentId } })).refundWindowSeconds,
    ]);
    expect(row.signer).toBe(h.deps.outbox.signerOf("paymentOracle"));
    expect(await h.t.db.enrollment.count({ where: { userId: sale.learner.id } })).toBe(0);
  });

  it("records the user's stable address even when a wallet is linked (card access never follows wallets)", async () => {
    const wallet = "0x90F79bf6EB2c4f870365E785982E1f101E93b906" as const;
    const sale = await newSale({ wallet });
    await deliver(sale.events.completed());
    const s = await state(sale.cardPaymentId, sale.paymentIntent);
    expect((s.outbox[0]!.payload as { args: { learner: string } }).args.learner).toBe(
      placeholderAddress(sale.learner.id),
    );
  });

  it("waits for the async result of a delayed payment (unpaid → succeeded / failed)", async () => {
    const ok = await newSale();
    expect((await deliver(ok.events.completed("unpaid"))).body.outcome).toBe("awaiting_async_payment");
    expect(await state(ok.cardPaymentId, ok.paymentIntent)).toMatchObject({ status: "PENDING", kinds: [] });
    expect((await deliver(ok.events.asyncSucceeded())).body.outcome).toBe("fulfilled");
    expect(await state(ok.cardPaymentId, ok.paymentIntent)).toMatchObject({
      status: "PAID",
      kinds: ["recordCardPurchase"],
    });

    const bad = await newSale();
    await deliver(bad.events.completed("unpaid"));
    expect((await deliver(bad.events.asyncFailed())).body.outcome).toBe("failed");
    expect(await state(bad.cardPaymentId, bad.paymentIntent)).toMatchObject({ status: "FAILED", kinds: [] });
  });

  it("does not fulfil but refunds automatically when amount, currency or metadata differ (logged)", async () => {
    const variants = [
      { change: { amountTotal: 1 }, field: "amount" },
      { change: { currency: "usd" }, field: "currency" },
      { change: { metadata: { userId: "someone" } }, field: "metadata" },
    ] as const;
    for (const v of variants) {
      const sale = await newSale();
      const facts = {
        ...sale.facts,
        ...v.change,
        metadata: { ...sale.facts.metadata, ...("metadata" in v.change ? v.change.metadata : {}) },
      };
      const e = saleEvents(h.deps.webhookSecret, facts).completed();
      expect((await deliver(e)).body.outcome).toBe("rejected_mismatch");
      const row = await h.t.db.cardPayment.findUniqueOrThrow({ where: { id: sale.cardPaymentId } });
      expect(row).toMatchObject({
        status: "REFUNDED",
        problem: "SESSION_MISMATCH",
        problemDetail: `mismatch: ${v.field}`,
      });
      expect((await state(sale.cardPaymentId, sale.paymentIntent)).kinds).toEqual([]);
      const refund = h.stub.requests.filter(
        (r) => r.path === "/v1/refunds" && r.idempotencyKey === `refund:auto:${sale.cardPaymentId}`,
      );
      expect(refund).toHaveLength(1);
      expect(refund[0]?.body).toMatchObject({ payment_intent: sale.paymentIntent });
      const errors = h.logs.filter((l) => l.level === "error" && l.fields.cardPaymentId === sale.cardPaymentId);
      expect(errors.map((l) => l.fields.mismatch)).toEqual([[v.field]]);
    }
  });

  it("ignores unpaid sessions it did not create; a PAID unknown session is stored as failed for /admin", async () => {
    const sale = await newSale();
    const unpaid = saleEvents(h.deps.webhookSecret, { ...sale.facts, id: "cs_test_unknown" }).completed("unpaid");
    expect((await deliver(unpaid)).body.outcome).toBe("unknown_session");
    const paid = saleEvents(h.deps.webhookSecret, { ...sale.facts, id: "cs_test_unknown2" }).completed();
    const answer = await deliver(paid);
    expect(answer).toMatchObject({ status: 200, body: { received: true, outcome: "stored_as_failed" } });
    const stored = await h.t.db.stripeEvent.findUniqueOrThrow({ where: { id: paid.id } });
    expect(stored.error).toMatch(/cs_test_unknown2 has no card payment/);
    expect(stored.processedAt).toBeNull();
    expect((await deliver(paid)).body.outcome).toBe("duplicate");
  });

  it("rolls back when processing fails, so the redelivery is processed", async () => {
    const sale = await newSale();
    const d = sale.events.completed();
    const failing = { ...h.deps, learnerAddress: () => Promise.reject(new Error("boom")) };
    await expect(handleStripeWebhook(failing, d.body, d.signature)).rejects.toThrow("boom");
    expect(await h.t.db.stripeEvent.count({ where: { id: d.id } })).toBe(0);
    expect((await deliver(d)).body.outcome).toBe("fulfilled");
  });
});

describe("refunds and out-of-order delivery", () => {
  it("a full refund after a CONFIRMED record marks REFUNDED and enqueues revokeCardPurchase once", async () => {
    const sale = await newSale();
    await deliver(sale.events.completed());
    await h.t.db.outboxTx.update({
      where: { idempotencyKey: cardOutboxKey.record(sale.paymentIntent) },
      data: { status: "CONFIRMED" },
    });
    const refund = sale.events.refunded();
    expect((await deliver(refund)).body.outcome).toBe("revoked");
    expect((await deliver(refund)).body.outcome).toBe("duplicate");
    expect((await deliver(sale.events.refunded())).body.outcome).toBe("already_processed");
    expect(await state(sale.cardPaymentId, sale.paymentIntent)).toMatchObject({
      status: "REFUNDED",
      kinds: ["recordCardPurchase", "revokeCardPurchase"],
    });
  });

  it("a partial refund keeps access", async () => {
    const sale = await newSale();
    await deliver(sale.events.completed());
    expect((await deliver(sale.events.refunded(500))).body.outcome).toBe("partial_refund_ignored");
    expect(await state(sale.cardPaymentId, sale.paymentIntent)).toMatchObject({
      status: "PAID",
      kinds: ["recordCardPurchase"],
    });
  });

  it("a refund delivered before the completion means the sale is never recorded (each event twice)", async () => {
    const sale = await newSale();
    const refund = sale.events.refunded();
    const completed = sale.events.completed();
    const succeeded = sale.events.asyncSucceeded();
    for (const d of [refund, refund, succeeded, completed, completed]) await deliver(d);
    expect(await state(sale.cardPaymentId, sale.paymentIntent)).toMatchObject({ status: "REFUNDED", kinds: [] });
  });

  it("concurrent duplicate deliveries and a racing refund stay consistent", async () => {
    const sale = await newSale();
    const completed = sale.events.completed();
    const outcomes = await Promise.all([deliver(completed), deliver(completed), deliver(sale.events.asyncSucceeded())]);
    expect(outcomes.map((o) => o.body.outcome).filter((o) => o === "fulfilled")).toHaveLength(1);
    expect(await state(sale.cardPaymentId, sale.paymentIntent)).toMatchObject({
      status: "PAID",
      kinds: ["recordCardPurchase"],
    });

    const race = await newSale();
    await Promise.all([deliver(race.events.refunded()), deliver(race.events.completed())]);
    const s = await state(race.cardPaymentId, race.paymentIntent);
    expect(s.status).toBe("REFUNDED");
    // Either the refund came first (nothing recorded) or second (record in flight: the settle loop revokes
    // it once it confirms, see settle.test.ts).
    expect([[], ["recordCardPurchase"]]).toContainEqual(s.kinds);
  });
});
