/**
 * Provider payouts of card sales through the UI (issue 15): the seeded provider connects Stripe from
 * /earnings (the stub's hosted onboarding page completes onboarding and sends the browser back), a learner
 * buys the course by card (hosted checkout page, signed webhook, on-chain record, indexer unlock), the sale
 * shows as pending in its refund window; then chain time moves past the course's refund window
 * (`evm_increaseTime` + a mined block on the Hardhat node); Stripe refuses the first transfer (the stub
 * answers `balance_insufficient`), the transfer gives up (CONNECT_TRANSFER_MAX_ATTEMPTS=1 in the e2e stack)
 * and a platform admin retries it from /admin; the worker's `connect-transfers` loop then sends the
 * provider's share to the connected account, and /earnings shows the transfer.
 */
import { createTestClient, http } from "viem";
import { hardhat } from "viem/chains";
import type { Page } from "@playwright/test";
import { seededCourse, sessionCookieFor, withStackDb } from "./fixtures/stack";
import { expect, test } from "./fixtures/stripe";

const RPC_URL = `http://127.0.0.1:${Number(process.env.E2E_CHAIN_PORT ?? 8645)}`;
const chain = { ...hardhat, rpcUrls: { default: { http: [RPC_URL] } } };
const testClient = createTestClient({ mode: "hardhat", chain, transport: http(RPC_URL) });
/** Outbox + indexer (unlock), worker transfer loop (CONNECT_TRANSFER_INTERVAL_MS in the e2e stack). */
const SETTLE = { timeout: 45_000 };

/** Signs up a new account in `page`; returns its e-mail. */
async function signUp(page: Page): Promise<string> {
  const email = `payout-${Date.now()}-${Math.random().toString(36).slice(2, 8)}@example.org`;
  await page.goto("/signup");
  await page.getByLabel("Display name").fill("Paula Payout");
  await page.getByLabel("E-mail").fill(email);
  await page.getByLabel("Password").fill("correct horse battery");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.locator("header").getByTestId("user-menu-name")).toHaveText("Paula Payout");
  return email;
}

test("a provider connects Stripe; after the refund window ends on chain the card sale is transferred", async ({
  page,
  baseURL,
  browser,
  stripe,
}) => {
  test.setTimeout(180_000);
  const seeded = await seededCourse("git-novice");
  const refundWindowDays = await withStackDb(async (c) => {
    const { rows } = await c.query<{ d: number }>(`SELECT "refundWindowDays" AS d FROM "Course" WHERE id = $1`, [
      seeded.courseId,
    ]);
    return Number(rows[0]?.d);
  });
  const provider = await browser.newContext({ baseURL });
  try {
    await provider.addCookies([
      await sessionCookieFor(baseURL ?? "", { id: seeded.providerId, email: seeded.providerEmail, name: "Provider" }),
    ]);
    const earnings = await provider.newPage();

    // 1. Connect: /earnings → Stripe's hosted onboarding (stub) → back on /earnings with payouts enabled.
    await earnings.goto("/earnings");
    const connect = earnings.getByTestId("stripe-connect");
    await connect.getByRole("button", { name: "Connect with Stripe" }).click();
    await earnings.waitForURL(/\/earnings\?connect=return$/);
    await expect(connect.getByRole("status")).toHaveText("Welcome back — your Stripe status is shown below.");
    await expect(earnings.getByTestId("stripe-connect-status")).toContainText("Payouts enabled: yes");
    const account = [...stripe.stub.accounts.values()].find(
      (a) => (a.metadata as Record<string, unknown> | undefined)?.userId === seeded.providerId,
    );
    expect(account).toMatchObject({ type: "express", payouts_enabled: true });

    // 2. A learner buys by card through the UI; the webhook records the sale on chain and the indexer unlocks.
    await stripe.hostedCheckout(page);
    await signUp(page);
    await page.goto("/courses/git-novice");
    await page.getByRole("button", { name: "Buy with card · €19.99" }).click();
    await page.waitForURL(`${stripe.stub.url}/pay/*`);
    const sessionId = new URL(page.url()).pathname.split("/").pop() ?? "";
    await page.getByRole("button", { name: "Pay" }).click();
    await page.waitForURL(/\/checkout\/success\?session_id=/);
    expect(await stripe.deliver(page.request, stripe.events(sessionId).completed())).toEqual({
      received: true,
      outcome: "fulfilled",
    });
    await expect(page.getByTestId("card-checkout-status")).toHaveAttribute("data-stage", "unlocked", SETTLE);
    const paymentIntent = stripe.session(sessionId).paymentIntent;
    const cardPaymentId = await withStackDb(async (c) => {
      const { rows } = await c.query<{ id: string }>(`SELECT id FROM "CardPayment" WHERE "paymentIntent" = $1`, [
        paymentIntent,
      ]);
      return rows[0]?.id ?? "";
    });

    // 3. The provider sees the sale pending in its refund window (deadline = on-chain record + window).
    await expect
      .poll(async () => {
        await earnings.goto("/earnings");
        return earnings.getByTestId("card-payouts").locator('tr[data-state="pending"]', { hasText: "€18.00" }).count();
      }, SETTLE)
      .toBeGreaterThan(0);
    const statementCard = earnings.getByTestId("statement").locator('tr[data-rail="card-EUR"]');
    await expect(statementCard.locator('td[data-col="pending"]')).not.toHaveText("€0.00");
    expect([...stripe.stub.transfers.values()].filter((t) => t.transfer_group === cardPaymentId)).toHaveLength(0);

    // 4. Chain time passes the refund window; Stripe refuses the first transfer and it gives up (FAILED).
    // (only this sale's transfer: other specs' card sales on the shared stack mature at the same chain time)
    stripe.stub.failNextTransfers(1, cardPaymentId);
    await testClient.increaseTime({ seconds: refundWindowDays * 86_400 + 60 });
    await testClient.mine({ blocks: 1 });
    const failedTransfer = async () =>
      withStackDb(async (c) => {
        const { rows } = await c.query<{ id: string; status: string }>(
          `SELECT id, status FROM "StripeTransfer" WHERE "cardPaymentId" = $1`,
          [cardPaymentId],
        );
        return rows[0] ?? null;
      });
    await expect.poll(async () => (await failedTransfer())?.status, SETTLE).toBe("FAILED");
    const transferRowId = (await failedTransfer())?.id ?? "";

    // 5. A platform admin retries it from /admin (audited); the worker's next pass sends the provider's share.
    const adminContext = await browser.newContext({ baseURL });
    const admin = await adminContext.newPage();
    const adminEmail = await signUp(admin);
    await withStackDb((c) =>
      c.query(`UPDATE "User" SET roles = array_append(roles, 'PLATFORM_ADMIN') WHERE email = $1`, [adminEmail]),
    );
    await admin.goto("/admin");
    const failedRow = admin.getByTestId("failed-transfers").locator(`tr[data-transfer="${transferRowId}"]`);
    await expect(failedRow).toContainText("Insufficient funds");
    await failedRow.getByRole("button", { name: "Retry" }).click();
    await expect(failedRow).toHaveCount(0, SETTLE);
    const audit = await withStackDb(async (c) => {
      const { rows } = await c.query<{ action: string }>(`SELECT action FROM "AuditLog" WHERE "entityId" = $1`, [
        transferRowId,
      ]);
      return rows.map((r) => r.action);
    });
    expect(audit).toEqual(["payout.transfer_retried"]);
    await adminContext.close();
    await expect
      .poll(() => [...stripe.stub.transfers.values()].filter((t) => t.transfer_group === cardPaymentId).length, SETTLE)
      .toBe(1);
    const transfer = [...stripe.stub.transfers.values()].find((t) => t.transfer_group === cardPaymentId);
    // €19.99 − 10 % platform fee (€1.99) − the provider's part of Stripe's fee (€0.49 of €0.55) = €17.51
    expect(transfer).toMatchObject({ amount: 1751, currency: "eur", destination: account?.id });

    // 6. /earnings shows the transfer: the sale's row and the card EUR balance.
    await expect
      .poll(async () => {
        await earnings.goto("/earnings");
        return earnings
          .getByTestId("card-payouts")
          .locator('tr[data-state="transferred"]', {
            hasText: String(transfer?.id),
          })
          .count();
      }, SETTLE)
      .toBe(1);
    await expect(
      earnings.getByTestId("card-payouts").locator('tr[data-state="transferred"]', { hasText: String(transfer?.id) }),
    ).toContainText("€17.51");
    await expect(statementCard.locator('td[data-col="transferred"]')).not.toHaveText("€0.00");
  } finally {
    await provider.close();
  }
});
