/** Checkout Session creation against the local Stripe stub and a real database. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ApiError } from "@/server/http.ts";
import { seedCourse, startCardHarness, type CardHarness } from "../../../../test/stripe/harness.ts";
import { createCardCheckout } from "./checkout.ts";

let h: CardHarness;
beforeAll(async () => {
  h = await startCardHarness();
});
afterAll(async () => {
  await h.close();
});

const statusOf = (p: Promise<unknown>) =>
  p.then(
    () => 0,
    (e: unknown) => (e instanceof ApiError ? e.status : -1),
  );

describe("createCardCheckout", () => {
  it("creates a payment-mode session in the course's price and a PENDING card payment", async () => {
    const { learner, course } = await seedCourse(h.t.db);
    const res = await createCardCheckout(h.deps, learner.id, { courseSlug: course.slug, currency: "USD" });
    expect(res.url).toBe(`${h.stub.url}/pay/${res.sessionId}`);
    const req = h.stub.requests.findLast((r) => r.path === "/v1/checkout/sessions");
    expect(req?.idempotencyKey).toMatch(/^checkout:[0-9a-f]{64}$/);
    expect(req?.body).toMatchObject({
      mode: "payment",
      line_items: {
        0: {
          quantity: "1",
          price_data: { currency: "usd", unit_amount: "2199", product_data: { name: course.title } },
        },
      },
      metadata: { courseId: course.id, userId: learner.id },
      client_reference_id: learner.id,
      success_url: "http://localhost:3000/checkout/success?session_id={CHECKOUT_SESSION_ID}",
      cancel_url: `http://localhost:3000/checkout/cancel?course=${course.slug}`,
    });
    const row = await h.t.db.cardPayment.findUniqueOrThrow({ where: { id: res.cardPaymentId } });
    expect(row).toMatchObject({
      userId: learner.id,
      courseId: course.id,
      currency: "USD",
      status: "PENDING",
      checkoutSession: res.sessionId,
    });
    expect(row.amount.toFixed(0)).toBe("2199");
  });

  it("reuses the session for a repeated request and creates a new one after a price change or expiry", async () => {
    const { learner, course } = await seedCourse(h.t.db);
    const input = { courseSlug: course.slug, currency: "EUR" } as const;
    const a = await createCardCheckout(h.deps, learner.id, input);
    const b = await createCardCheckout(h.deps, learner.id, input);
    expect(b.sessionId).toBe(a.sessionId);
    expect(b.cardPaymentId).toBe(a.cardPaymentId);
    await h.t.db.coursePrice.update({
      where: { courseId_currency: { courseId: course.id, currency: "EUR" } },
      data: { amount: "2499" },
    });
    const c = await createCardCheckout(h.deps, learner.id, input);
    expect(c.sessionId).not.toBe(a.sessionId);
    expect(h.stub.sessions.get(c.sessionId)?.amount_total).toBe(2499);
    // the old session at the old price was expired at Stripe before the new one was created
    expect(h.stub.sessions.get(a.sessionId)?.status).toBe("expired");
    expect(h.stub.requests.some((r) => r.path === `/v1/checkout/sessions/${a.sessionId}/expire`)).toBe(true);
    h.stub.sessions.get(c.sessionId)!.status = "expired";
    const d = await createCardCheckout(h.deps, learner.id, input);
    expect(d.sessionId).not.toBe(c.sessionId);
    const rows = await h.t.db.cardPayment.findMany({ where: { userId: learner.id }, orderBy: { createdAt: "asc" } });
    expect(rows.map((r) => r.status)).toEqual(["EXPIRED", "EXPIRED", "PENDING"]);
  });

  it("hands out ONE open session to concurrent requests of the same learner and course (database lock)", async () => {
    const { learner, course } = await seedCourse(h.t.db);
    const input = { courseSlug: course.slug, currency: "EUR" } as const;
    const before = h.stub.requests.filter((r) => r.path === "/v1/checkout/sessions").length;
    const results = await Promise.all(Array.from({ length: 5 }, () => createCardCheckout(h.deps, learner.id, input)));
    expect(new Set(results.map((r) => r.sessionId)).size).toBe(1);
    expect(results.filter((r) => !r.reused)).toHaveLength(1);
    expect(h.stub.requests.filter((r) => r.path === "/v1/checkout/sessions").length - before).toBe(1);
    expect(await h.t.db.cardPayment.count({ where: { userId: learner.id, status: "PENDING" } })).toBe(1);
    // switching currency expires the EUR session first
    const usd = await createCardCheckout(h.deps, learner.id, { ...input, currency: "USD" });
    expect(h.stub.sessions.get(results[0]!.sessionId)?.status).toBe("expired");
    expect(
      await h.t.db.cardPayment.findMany({
        where: { userId: learner.id, status: "PENDING" },
        select: { checkoutSession: true },
      }),
    ).toEqual([{ checkoutSession: usd.sessionId }]);
  });

  it("refuses unknown, unpublished, free and unpriced courses, enrolled buyers and paid duplicates", async () => {
    const { learner, course } = await seedCourse(h.t.db);
    const draft = await seedCourse(h.t.db, { status: "DRAFT" });
    const free = await seedCourse(h.t.db, { isFree: true });
    const buy = (slug: string, currency: "EUR" | "USD" = "EUR") =>
      statusOf(createCardCheckout(h.deps, learner.id, { courseSlug: slug, currency }));
    expect(await buy("no-such-course")).toBe(404);
    expect(await buy(draft.course.slug)).toBe(404);
    expect(await buy(free.course.slug)).toBe(422);
    await h.t.db.coursePrice.delete({ where: { courseId_currency: { courseId: course.id, currency: "USD" } } });
    expect(await buy(course.slug, "USD")).toBe(422);
    const paidFor = await seedCourse(h.t.db);
    await h.t.db.cardPayment.create({
      data: {
        userId: learner.id,
        courseId: paidFor.course.id,
        currency: "EUR",
        amount: "1999",
        checkoutSession: "cs_test_paid",
        status: "PAID",
      },
    });
    expect(await buy(paidFor.course.slug)).toBe(409);
    await h.t.db.enrollment.create({ data: { userId: learner.id, courseId: course.id, source: "CARD" } });
    expect(await buy(course.slug)).toBe(409);
  });

  it("maps a Stripe failure to a 500 without storing a card payment", async () => {
    const { learner, course } = await seedCourse(h.t.db);
    const { createStripeClient } = await import("@/server/stripe.ts");
    const wrongKey = createStripeClient({
      CARD_PAYMENTS: true,
      STRIPE_SECRET_KEY: "sk_test_wrongkey",
      STRIPE_WEBHOOK_SECRET: h.deps.webhookSecret,
      STRIPE_API_BASE: h.stub.url,
    });
    expect(
      await statusOf(
        createCardCheckout({ ...h.deps, stripe: wrongKey }, learner.id, { courseSlug: course.slug, currency: "EUR" }),
      ),
    ).toBe(500);
    expect(await h.t.db.cardPayment.count({ where: { userId: learner.id } })).toBe(0);
  });
});
