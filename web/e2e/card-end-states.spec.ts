/**
 * Issue 10 §2 — the card path's end states through the UI (stubbed Stripe, real chain and worker):
 *
 * 1. The on-chain record fails (the payment oracle lost its role, so `recordCardPurchase` reverts): the
 *    learner's status page goes from "recording" to "refunded" and names the reason; the refund was made
 *    through Stripe with the automatic idempotency key; an admin sees it under "Payment problems".
 * 2. Two paid sessions for one course: the first (older) one is refunded as a duplicate, the second unlocks.
 *
 * Webhooks are delivered as Stripe would (signed), everything else is the running app + worker.
 */
import { createTestClient, http, keccak256, stringToBytes, type Address } from "viem";
import { hardhat } from "viem/chains";
import type { Browser, Page } from "@playwright/test";
import { deployedContracts } from "@smolitux/contracts";
import { withStackDb } from "./fixtures/stack";
import { signUpInUi } from "./fixtures/provider";
import { expect, test } from "./fixtures/stripe";

const RPC_URL = `http://127.0.0.1:${Number(process.env.E2E_CHAIN_PORT ?? 8645)}`;
const chain = { ...hardhat, rpcUrls: { default: { http: [RPC_URL] } } };
const testClient = createTestClient({ mode: "hardhat", chain, transport: http(RPC_URL) });
const { CourseMarketplace: market } = deployedContracts[31337];
/** Hardhat accounts: 0 deployer/admin, 2 payment oracle. */
const ADMIN = "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266" as Address;
const ORACLE = "0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC" as Address;
const ORACLE_ROLE = keccak256(stringToBytes("PAYMENT_ORACLE_ROLE"));
/** Outbox → revert → settle loop → Stripe refund, or outbox → indexer. */
const SETTLE = { timeout: 45_000 };

async function signUp(page: Page, name: string): Promise<string> {
  const email = `${name.toLowerCase().replace(/\W+/g, "-")}-${Date.now()}@example.org`;
  await signUpInUi(page, name, email);
  return email;
}

async function setOracleRole(grant: boolean): Promise<void> {
  const { walletActions } = await import("viem");
  const wallet = testClient.extend(walletActions);
  await testClient.impersonateAccount({ address: ADMIN });
  const hash = await wallet.writeContract({
    address: market.address,
    abi: market.abi,
    functionName: grant ? "grantRole" : "revokeRole",
    args: [ORACLE_ROLE, ORACLE],
    account: ADMIN,
    chain,
  } as never);
  await testClient.mine({ blocks: 1 });
  expect(hash).toMatch(/^0x/);
}

/** Clicks "Buy with card" on the course page and returns the stub session id of the hosted page. */
async function startCardCheckout(page: Page, stubUrl: string): Promise<string> {
  await page.goto("/courses/git-novice");
  await page
    .getByRole("button", { name: /Buy with card/ })
    .first()
    .click();
  await page.waitForURL(`${stubUrl}/pay/*`);
  return new URL(page.url()).pathname.split("/").pop() ?? "";
}

async function adminPage(browser: Browser, baseURL: string): Promise<Page> {
  const context = await browser.newContext({ baseURL });
  const page = await context.newPage();
  const email = await signUp(page, "Ada Admin");
  await withStackDb((db) =>
    db.query(`UPDATE "User" SET roles = array_append(roles, 'PLATFORM_ADMIN') WHERE email = $1`, [email]),
  );
  return page;
}

test.afterEach(async () => {
  await setOracleRole(true).catch(() => undefined);
});

test("a sale whose on-chain record fails is refunded automatically and the learner is told why", async ({
  page,
  baseURL,
  browser,
  stripe,
}) => {
  test.setTimeout(150_000);
  await stripe.hostedCheckout(page);
  const learnerEmail = await signUp(page, "Rita Refund");
  const sessionId = await startCardCheckout(page, stripe.stub.url);
  await page.getByRole("button", { name: "Pay" }).click();
  await page.waitForURL(/\/checkout\/success\?session_id=/);
  const status = page.getByTestId("card-checkout-status");
  await expect(status).toHaveAttribute("data-stage", "pending");

  await setOracleRole(false); // recordCardPurchase will revert
  expect(await stripe.deliver(page.request, stripe.events(sessionId).completed())).toEqual({
    received: true,
    outcome: "fulfilled",
  });
  await expect(status).toHaveAttribute("data-stage", "refunded", SETTLE);
  await expect(status).toContainText("This payment was refunded to your card.");
  await expect(page.getByTestId("card-checkout-problem")).toHaveText(
    "Reason: recording the sale on the blockchain failed.",
  );
  await expect(status.getByRole("link", { name: "Open the course" })).toHaveCount(0);
  // The stub is shared by every card spec of the run: look only at this sale's refunds.
  const refunds = stripe.stub.requests.filter(
    (r) =>
      r.path === "/v1/refunds" &&
      (r.body as { payment_intent?: unknown }).payment_intent === stripe.session(sessionId).paymentIntent,
  );
  expect(refunds).toHaveLength(1);
  expect(refunds[0]?.idempotencyKey).toMatch(/^refund:auto:/);
  expect(refunds[0]?.body).toMatchObject({ payment_intent: stripe.session(sessionId).paymentIntent });
  const enrolled = await page.request.get("/api/enrollments/status?course=git-novice");
  expect(((await enrolled.json()) as { status: string | null }).status).toBeNull();

  // The admin's "Payment problems" list names it.
  const admin = await adminPage(browser, baseURL ?? "");
  await admin.goto("/admin");
  const problems = admin.getByTestId("payment-problems");
  await expect(problems).toContainText("Payment problems");
  const row = problems.locator('tr[data-problem="RECORD_FAILED"]').filter({ hasText: learnerEmail });
  await expect(row).toHaveAttribute("data-status", "REFUNDED");
  await expect(row).toContainText("On-chain record failed");
  await admin.context().close();
});

test("two paid sessions for one course: the older one is refunded as a duplicate, the other unlocks", async ({
  page,
  stripe,
}) => {
  test.setTimeout(150_000);
  await stripe.hostedCheckout(page);
  await signUp(page, "Dora Double");
  const first = await startCardCheckout(page, stripe.stub.url);
  // Starting again while the first session is open hands out the same session (one open checkout).
  expect(await startCardCheckout(page, stripe.stub.url)).toBe(first);
  // Stripe ends it on its side (e.g. the tab stayed open for a day) — a new checkout gets a new session …
  const s = stripe.stub.sessions.get(first);
  if (s) s.status = "expired";
  const second = await startCardCheckout(page, stripe.stub.url);
  expect(second).not.toBe(first);
  await page.getByRole("button", { name: "Pay" }).click();
  await page.waitForURL(/\/checkout\/success\?session_id=/);
  // … and both end up paid: the second one's completion arrives first, then the first one's.
  expect(await stripe.deliver(page.request, stripe.events(second).completed())).toMatchObject({ outcome: "fulfilled" });
  expect(await stripe.deliver(page.request, stripe.events(first).completed())).toMatchObject({
    outcome: "refund_scheduled",
  });
  const status = page.getByTestId("card-checkout-status");
  await expect(status).toHaveAttribute("data-stage", "unlocked", SETTLE);

  await page.goto(stripe.session(first).successUrl);
  await expect(status).toHaveAttribute("data-stage", "refunded");
  await expect(page.getByTestId("card-checkout-problem")).toHaveText(
    "Reason: you had already paid for this course — this second payment is returned.",
  );
  const refunds = stripe.stub.requests.filter(
    (r) => r.path === "/v1/refunds" && r.body && typeof r.body === "object" && "payment_intent" in r.body,
  );
  expect(refunds.map((r) => (r.body as { payment_intent: string }).payment_intent)).toContain(
    stripe.session(first).paymentIntent,
  );
  expect(refunds.map((r) => (r.body as { payment_intent: string }).payment_intent)).not.toContain(
    stripe.session(second).paymentIntent,
  );
});
