/**
 * Authorization matrix rows of the card checkout endpoints. Card payments need Stripe settings before the
 * route handlers first parse env(): this module starts the local Stripe stub at import (unref'd, so it
 * never keeps the worker alive) and sets random test secrets in process.env.
 */
import { randomBytes } from "node:crypto";
import type { PrismaClient } from "@smolitux/db";
import { signatureFor, signStripeFixtureEvent } from "../../stripe/events.ts";
import { fixture } from "../../stripe/fixtures.ts";
import { randomStripeKey, randomWebhookSecret } from "../../stripe/harness.ts";
import { startStripeStub } from "../../stripe/server.ts";
import { defineEndpoint, type AuthzEndpoint } from "../harness.ts";

const key = randomStripeKey();
const webhookSecret = randomWebhookSecret();
const stub = await startStripeStub(key, { unref: true });
Object.assign(process.env, { STRIPE_SECRET_KEY: key, STRIPE_WEBHOOK_SECRET: webhookSecret, STRIPE_API_BASE: stub.url });

const signedIn = (status: number) => ({ anonymous: 401, learner: status, provider: status, admin: status });
const everyone = (status: number) => ({ anonymous: status, learner: status, provider: status, admin: status });

/** A published course priced in EUR, owned by `providerId` (a new provider when omitted). */
async function pricedCourse(db: PrismaClient, providerId?: string) {
  const tag = randomBytes(4).toString("hex");
  const owner = providerId ?? (await db.user.create({ data: { roles: ["LEARNER", "PROVIDER"] } })).id;
  return db.course.create({
    data: {
      slug: `authz-card-${tag}`,
      title: `Authz card ${tag}`,
      status: "PUBLISHED",
      providerId: owner,
      prices: { create: [{ currency: "EUR", amount: "1999" }] },
    },
  });
}

/** A PAID card sale of a course owned by `providerId` (or someone else), refundable at the stub. */
async function paidSale(db: PrismaClient, providerId?: string) {
  const course = await pricedCourse(db, providerId);
  const buyer = await db.user.create({ data: {} });
  const paymentIntent = `pi_${randomBytes(12).toString("hex")}`;
  stub.registerPayment(paymentIntent, 1999, "eur");
  const sale = await db.cardPayment.create({
    data: {
      userId: buyer.id,
      courseId: course.id,
      currency: "EUR",
      amount: "1999",
      checkoutSession: `cs_test_${randomBytes(12).toString("hex")}`,
      paymentIntent,
      status: "PAID",
    },
  });
  return { id: sale.id };
}

export const cardEndpoints: AuthzEndpoint[] = [
  defineEndpoint({
    name: "typed data to move the payout address (providers only)",
    method: "GET",
    path: "/api/earnings/payout-address",
    handler: async () => (await import("@/app/api/earnings/payout-address/route.ts")).GET,
    request: () => ({ params: {}, query: { address: "0x15d34AAf54267DB7D7c367839AAf71A00a2C6A65" } }),
    expect: { anonymous: 401, learner: 403, provider: 200, admin: 403 },
  }),
  defineEndpoint({
    name: "typed data to move the payout address to the zero address",
    method: "GET",
    path: "/api/earnings/payout-address",
    handler: async () => (await import("@/app/api/earnings/payout-address/route.ts")).GET,
    request: () => ({ params: {}, query: { address: "0x0000000000000000000000000000000000000000" } }),
    expect: { anonymous: 401, learner: 403, provider: 422, admin: 403 },
  }),
  defineEndpoint({
    name: "submit payout address signatures with nothing listed (providers only)",
    method: "POST",
    path: "/api/earnings/payout-address",
    handler: async () => (await import("@/app/api/earnings/payout-address/route.ts")).POST,
    request: () => ({
      params: {},
      body: {
        newAddress: "0x15d34AAf54267DB7D7c367839AAf71A00a2C6A65",
        deadline: String(Math.floor(Date.now() / 1000) + 600),
        signatures: [{ courseDbId: "c1", signature: `0x${"11".repeat(65)}` }],
      },
    }),
    expect: { anonymous: 401, learner: 403, provider: 422, admin: 403 },
  }),
  defineEndpoint({
    name: "submit malformed payout address signatures",
    method: "POST",
    path: "/api/earnings/payout-address",
    handler: async () => (await import("@/app/api/earnings/payout-address/route.ts")).POST,
    request: () => ({ params: {}, body: { newAddress: "nope", deadline: "x", signatures: [] } }),
    expect: { anonymous: 401, learner: 403, provider: 400, admin: 403 },
  }),
  defineEndpoint({
    name: "start Stripe Connect onboarding (providers only)",
    method: "POST",
    path: "/api/earnings/connect",
    handler: async () => (await import("@/app/api/earnings/connect/route.ts")).POST,
    request: () => ({ params: {} }),
    expect: { anonymous: 401, learner: 403, provider: 201, admin: 403 },
  }),
  defineEndpoint({
    name: "download own earnings statement (CSV, providers only)",
    method: "GET",
    path: "/api/earnings/statement",
    handler: async () => (await import("@/app/api/earnings/statement/route.ts")).GET,
    request: () => ({ params: {} }),
    expect: { anonymous: 401, learner: 403, provider: 200, admin: 403 },
  }),
  defineEndpoint({
    name: "start card checkout",
    method: "POST",
    path: "/api/checkout/card",
    handler: async () => (await import("@/app/api/checkout/card/route.ts")).POST,
    request: async ({ db }) => ({ params: {}, body: { courseSlug: (await pricedCourse(db)).slug, currency: "EUR" } }),
    expect: signedIn(201),
  }),
  defineEndpoint({
    name: "start card checkout with invalid fields",
    method: "POST",
    path: "/api/checkout/card",
    handler: async () => (await import("@/app/api/checkout/card/route.ts")).POST,
    request: () => ({ params: {}, body: { courseSlug: "Not A Slug", currency: "GBP" } }),
    expect: signedIn(400),
  }),
  defineEndpoint({
    name: "refund another provider's card sale",
    method: "POST",
    path: "/api/card-sales/[id]/refund",
    handler: async () => (await import("@/app/api/card-sales/[id]/refund/route.ts")).POST,
    request: async ({ db }) => ({ params: { id: (await paidSale(db)).id } }),
    expect: { anonymous: 401, learner: 403, provider: 403, admin: 202 },
  }),
  defineEndpoint({
    name: "refund a card sale of own course",
    method: "POST",
    path: "/api/card-sales/[id]/refund",
    handler: async () => (await import("@/app/api/card-sales/[id]/refund/route.ts")).POST,
    request: async ({ db, user }) => ({ params: { id: (await paidSale(db, user?.id)).id } }),
    expect: { anonymous: 401, learner: 403, provider: 202, admin: 202 },
  }),
  defineEndpoint({
    name: "list card sales",
    method: "GET",
    path: "/api/card-sales",
    handler: async () => (await import("@/app/api/card-sales/route.ts")).GET,
    expect: { anonymous: 401, learner: 403, provider: 200, admin: 200 },
  }),
  defineEndpoint({
    name: "Stripe webhook with a bad signature",
    method: "POST",
    path: "/api/webhooks/stripe",
    handler: async () => (await import("@/app/api/webhooks/stripe/route.ts")).POST,
    request: () => ({
      params: {},
      body: fixture("event"),
      headers: { "stripe-signature": signStripeFixtureEvent("whsec_wrong0123456789").signature },
    }),
    expect: everyone(400),
  }),
  defineEndpoint({
    name: "Stripe webhook, signed event of an ignored type",
    method: "POST",
    path: "/api/webhooks/stripe",
    handler: async () => (await import("@/app/api/webhooks/stripe/route.ts")).POST,
    request: () => {
      const event = fixture("event"); // Stripe's own plan.created event, untouched
      // apiRequest sends JSON.stringify(body): sign exactly that text.
      return {
        params: {},
        body: event,
        headers: { "stripe-signature": signatureFor(JSON.stringify(event), webhookSecret) },
      };
    },
    expect: everyone(200),
  }),
];
