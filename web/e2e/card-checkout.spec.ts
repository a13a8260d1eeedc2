/**
 * Card checkout through the UI against the local Stripe stub (e2e/fixtures/stripe.ts): a learner without
 * a wallet clicks "Buy with card", pays on the (fake) hosted checkout page, comes back to the success page,
 * which shows payment received → recording on chain → unlocked as the signed `checkout.session.completed`
 * webhook is processed, the outbox's `recordCardPurchase` is mined and the indexer grants access; the
 * learner opens the player. The seeded provider then refunds through the API (Stripe refund on the stub,
 * then the signed `charge.refunded` webhook): `revokeCardPurchase` is mined and the indexer revokes access.
 *
 * Hardhat's automine is paused while the webhook is delivered, so the "recording on chain" stage is
 * observable instead of racing past it; every other wait polls the UI or an API (no fixed sleeps).
 */
import { createTestClient, http } from "viem";
import { hardhat } from "viem/chains";
import type { Page } from "@playwright/test";
import { seededCourse, sessionCookieFor } from "./fixtures/stack";
import { expect, test } from "./fixtures/stripe";

const RPC_URL = `http://127.0.0.1:${Number(process.env.E2E_CHAIN_PORT ?? 8645)}`;
const chain = { ...hardhat, rpcUrls: { default: { http: [RPC_URL] } } };
const testClient = createTestClient({ mode: "hardhat", chain, transport: http(RPC_URL) });
/** How long the outbox sender + indexer may take from a webhook to the enrollment change. */
const ON_CHAIN = { timeout: 30_000 };

async function signUp(page: Page) {
  await page.goto("/signup");
  await page.getByLabel("Display name").fill("Carla Card");
  await page.getByLabel("E-mail").fill(`card-${Date.now()}@example.org`);
  await page.getByLabel("Password").fill("correct horse battery");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.locator("header").getByTestId("user-menu-name")).toHaveText("Carla Card");
}

async function enrollmentStatus(page: Page): Promise<string | null> {
  const res = await page.request.get("/api/enrollments/status?course=git-novice");
  expect(res.status()).toBe(200);
  return ((await res.json()) as { status: string | null }).status;
}

const sidebar = (page: Page) => page.getByRole("navigation", { name: "Course content" });

test.afterEach(async () => {
  await testClient.setAutomine(true);
});

test("a learner without a wallet buys by card, learns, and loses access when the provider refunds", async ({
  page,
  baseURL,
  browser,
  stripe,
}) => {
  test.setTimeout(120_000);
  const external: string[] = [];
  page.on("request", (req) => {
    const host = new URL(req.url()).hostname;
    if (!["localhost", "127.0.0.1"].includes(host) && !req.url().startsWith("data:")) external.push(req.url());
  });
  await stripe.hostedCheckout(page);
  await signUp(page);

  // The course page: card checkout opens the (stub's) hosted checkout page.
  await page.goto("/courses/git-novice");
  await page.getByRole("button", { name: "Buy with card · €19.99" }).click();
  await page.waitForURL(`${stripe.stub.url}/pay/*`);
  const sessionId = new URL(page.url()).pathname.split("/").pop() ?? "";
  const session = stripe.session(sessionId);
  expect(session).toMatchObject({ amountTotal: 1999, currency: "eur" });
  const created = stripe.stub.requests.filter((r) => r.path === "/v1/checkout/sessions");
  expect(created.length).toBeGreaterThan(0);
  expect(created.every((r) => r.idempotencyKey?.startsWith("checkout:"))).toBe(true);
  await expect(page.getByText("19.99 EUR")).toBeVisible();

  // Paying returns to the success page; nothing is unlocked before the webhook.
  await page.getByRole("button", { name: "Pay" }).click();
  await page.waitForURL(/\/checkout\/success\?session_id=/);
  const successUrl = page.url();
  expect(successUrl).toBe(session.successUrl);
  const status = page.getByTestId("card-checkout-status");
  await expect(status).toHaveAttribute("data-stage", "pending");
  await expect(status).toContainText("Version Control with Git");
  expect(await enrollmentStatus(page)).toBeNull();

  // Stripe's signed checkout.session.completed: the webhook enqueues recordCardPurchase in the outbox.
  await testClient.setAutomine(false);
  const completed = stripe.events(sessionId).completed();
  expect(await stripe.deliver(page.request, completed)).toEqual({ received: true, outcome: "fulfilled" });
  await expect(status).toHaveAttribute("data-stage", "recording");
  await expect(status.locator("li").nth(0)).toHaveAttribute("data-done", "true");
  await expect(status.locator("li").nth(1)).toHaveAttribute("aria-current", "step");
  await expect(status).toContainText("Recording the sale on chain");
  // Stripe retries deliveries: the same event again is acknowledged and changes nothing
  expect(await stripe.deliver(page.request, completed)).toEqual({ received: true, outcome: "duplicate" });

  // Mining lets the outbox transaction land; the indexer unlocks from the final PurchaseRecorded event.
  await testClient.setAutomine(true);
  await testClient.mine({ blocks: 1 });
  await expect(status).toHaveAttribute("data-stage", "unlocked", ON_CHAIN);
  await expect(status.locator('li[data-done="true"]')).toHaveCount(3);
  await expect(status).toContainText(/Transaction: 0x[0-9a-f]{64}/);
  expect(await enrollmentStatus(page)).toBe("ACTIVE");

  // The learner opens the player: a lesson that is not a free preview is reachable.
  // "Open the course" leads straight into the player.
  await page.getByRole("link", { name: "Open the course" }).click();
  await page.waitForURL(/\/learn\/git-novice\/\w+$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Welcome to the course");
  await sidebar(page).getByRole("link", { name: "Automated Version Control" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Automated Version Control");
  const lessonUrl = page.url();

  // The course's provider refunds through the API: Stripe refunds, then sends charge.refunded.
  const seeded = await seededCourse("git-novice");
  const providerContext = await browser.newContext({ baseURL });
  try {
    await providerContext.addCookies([
      await sessionCookieFor(baseURL ?? "", { id: seeded.providerId, email: seeded.providerEmail, name: "Provider" }),
    ]);
    const list = await providerContext.request.get("/api/card-sales?course=git-novice");
    expect(list.status(), await list.text()).toBe(200);
    const { sales } = (await list.json()) as { sales: { id: string; status: string; amount: string }[] };
    const sale = sales.find((s) => s.status === "PAID");
    expect(sale?.amount).toBe("1999");
    const refund = await providerContext.request.post(`/api/card-sales/${sale?.id}/refund`);
    expect(refund.status(), await refund.text()).toBe(202);
  } finally {
    await providerContext.close();
  }
  const refunds = stripe.stub.requests.filter((r) => r.path === "/v1/refunds");
  expect(refunds).toHaveLength(1);
  expect(refunds[0]?.body).toMatchObject({ payment_intent: session.paymentIntent });
  expect(await stripe.deliver(page.request, stripe.events(sessionId).refunded())).toEqual({
    received: true,
    outcome: "revoked",
  });

  // revokeCardPurchase is mined and indexed: access ends.
  await expect.poll(() => enrollmentStatus(page), ON_CHAIN).toBe("REVOKED");
  await page.goto(successUrl);
  await expect(status).toHaveAttribute("data-stage", "refunded");
  await page.goto(lessonUrl);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("This lesson is locked");
  expect(external).toEqual([]);
});
