/**
 * Stripe Connect onboarding against the local Stripe stub and a real database: one Express account per
 * provider even under parallel clicks, a fresh Account Link each time, status from `account.updated`
 * (signed, stored once, unknown accounts acknowledged) and from the provider's return.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eventEnvelope, sign } from "../../../test/stripe/events.ts";
import { fixture } from "../../../test/stripe/fixtures.ts";
import { seedCourse, startCardHarness, type CardHarness } from "../../../test/stripe/harness.ts";
import { handleStripeWebhook } from "../checkout/card/webhook.ts";
import { connectAccountKey, connectStatus, refreshConnectAccount, startConnectOnboarding } from "./connect.ts";

let h: CardHarness;
beforeAll(async () => {
  h = await startCardHarness();
});
afterAll(async () => {
  await h.close();
});

const deps = () => ({ db: h.t.db, stripe: h.deps.stripe, appUrl: h.deps.appUrl, log: h.deps.log });

describe("startConnectOnboarding", () => {
  it("creates one Express account per provider under parallel clicks and a new link on each", async () => {
    const { provider } = await seedCourse(h.t.db);
    const results = await Promise.all([1, 2, 3].map(() => startConnectOnboarding(deps(), provider.id)));
    const ids = new Set(results.map((r) => r.accountId));
    expect(ids.size).toBe(1);
    expect(results.filter((r) => r.created)).toHaveLength(1);
    const creates = h.stub.requests.filter(
      (r) => r.path === "/v1/accounts" && r.idempotencyKey === connectAccountKey(provider.id),
    );
    expect(creates).toHaveLength(1);
    expect(creates[0]?.body).toMatchObject({ type: "express", metadata: { userId: provider.id } });
    const links = h.stub.requests.filter(
      (r) => r.path === "/v1/account_links" && typeof r.body === "object" && r.body.account === results[0]?.accountId,
    );
    expect(links).toHaveLength(3);
    expect(links[0]?.body).toMatchObject({
      type: "account_onboarding",
      return_url: `${h.deps.appUrl}/earnings?connect=return`,
      refresh_url: `${h.deps.appUrl}/earnings?connect=refresh`,
    });
    expect(results[0]?.url).toMatch(/\/connect\/onboarding\/acct_/);
    const status = await connectStatus(h.t.db, provider.id);
    expect(status).toMatchObject({ connected: true, detailsSubmitted: false, payoutsEnabled: false });
  });

  it("stores nothing when Stripe refuses the account", async () => {
    const { provider } = await seedCourse(h.t.db);
    const broken = {
      ...deps(),
      stripe: { ...h.deps.stripe, accounts: { create: () => Promise.reject(new Error("api down")) } },
    };
    await expect(startConnectOnboarding(broken as never, provider.id)).rejects.toThrow("api down");
    expect(await h.t.db.stripeConnectAccount.count({ where: { userId: provider.id } })).toBe(0);
  });

  it("refreshes the status when the provider returns from the hosted page", async () => {
    const { provider } = await seedCourse(h.t.db);
    const { url } = await startConnectOnboarding(deps(), provider.id);
    const res = await fetch(url, { redirect: "manual" });
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe(`${h.deps.appUrl}/earnings?connect=return`);
    const status = await refreshConnectAccount(deps(), provider.id);
    expect(status).toMatchObject({
      detailsSubmitted: true,
      chargesEnabled: true,
      payoutsEnabled: true,
      requirementsDue: [],
    });
  });
});

describe("stub responses keep Stripe's shape", () => {
  it("an account and an account link carry every field of Stripe's fixture objects", async () => {
    const { provider } = await seedCourse(h.t.db);
    const { accountId } = await startConnectOnboarding(deps(), provider.id);
    const account = h.stub.accounts.get(accountId) ?? {};
    expect(Object.keys(account).sort()).toEqual(Object.keys(fixture("account")).sort());
    const link = await h.deps.stripe.accountLinks.create({
      account: accountId,
      type: "account_onboarding",
      refresh_url: "http://x/r",
      return_url: "http://x/b",
    });
    expect(
      Object.keys(link)
        .filter((k) => k !== "lastResponse")
        .sort(),
    ).toEqual(Object.keys(fixture("account_link")).sort());
  });
});

describe("account.updated webhook", () => {
  it("stores the status once, acknowledges unknown accounts and stores malformed ones as failed", async () => {
    const { provider } = await seedCourse(h.t.db);
    const { accountId } = await startConnectOnboarding(deps(), provider.id);
    const object = {
      ...fixture("account"),
      id: accountId,
      details_submitted: true,
      charges_enabled: true,
      payouts_enabled: false,
      requirements: {
        ...(fixture("account").requirements as object),
        currently_due: ["external_account"],
        disabled_reason: null,
      },
    };
    const d = sign(eventEnvelope("account.updated", object), h.deps.webhookSecret);
    expect((await handleStripeWebhook(h.deps, d.body, d.signature)).body.outcome).toBe("account_updated");
    expect((await handleStripeWebhook(h.deps, d.body, d.signature)).body.outcome).toBe("duplicate");
    expect(await connectStatus(h.t.db, provider.id)).toMatchObject({
      detailsSubmitted: true,
      chargesEnabled: true,
      payoutsEnabled: false,
      requirementsDue: ["external_account"],
    });

    const foreign = sign(
      eventEnvelope("account.updated", { ...fixture("account"), id: "acct_someoneelse" }),
      h.deps.webhookSecret,
    );
    const r = await handleStripeWebhook(h.deps, foreign.body, foreign.signature);
    expect(r).toMatchObject({ status: 200, body: { outcome: "unknown_account" } });

    const bad = sign(eventEnvelope("account.updated", { id: 42 }), h.deps.webhookSecret);
    const rb = await handleStripeWebhook(h.deps, bad.body, bad.signature);
    expect(rb).toMatchObject({ status: 200, body: { outcome: "stored_as_failed" } });
    expect(await connectStatus(h.t.db, provider.id)).toMatchObject({ payoutsEnabled: false });
  });
});
