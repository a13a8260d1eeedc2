/**
 * Wallet checkout through the web app on the local Hardhat node with an injected EIP-1193 test wallet:
 * buy with the native coin (after a rejected first attempt) until the indexer unlocks the course, refund
 * (the indexer revokes the enrollment) + withdraw the refund, buy with ESN by EIP-2612 permit, and the
 * seeded provider releasing the escrow and withdrawing on /earnings. Access is asserted only through the
 * enrollment status API / UI, which the worker's indexer feeds from final blocks (the local chain is final
 * at once). No request may leave localhost; no fixed sleeps (every wait polls UI state or an API).
 */
import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures/csp";
import {
  createPublicClient,
  createTestClient,
  createWalletClient,
  http,
  parseEther,
  zeroAddress,
  type Address,
  type Hex,
} from "viem";
import { hardhat } from "viem/chains";
import { createSiweMessage } from "viem/siwe";
import { deployedContracts } from "@smolitux/contracts";
import { courseIdToBytes32 } from "@smolitux/contracts/courseId";
import { installWallet, testAccount } from "./fixtures/eip1193-wallet";
import { seededCourse, sessionCookieFor } from "./fixtures/stack";

const RPC_URL = `http://127.0.0.1:${Number(process.env.E2E_CHAIN_PORT ?? 8645)}`;
const { CourseMarketplace: market, ESNToken: esn } = deployedContracts[31337];
const chain = { ...hardhat, rpcUrls: { default: { http: [RPC_URL] } } };
const reader = createPublicClient({ chain, transport: http(RPC_URL) });
const signer = (i: number) => createWalletClient({ account: testAccount(i), chain, transport: http(RPC_URL) });
const learner = testAccount(5);
// The seed lists git-novice on chain with the demo payout account (#7, DEMO_PAYOUT_ACCOUNT_INDEX); changing a
// listing's provider needs that provider's consent, so the spec keeps it.
const provider = testAccount(7); // DEMO_PAYOUT_ACCOUNT_INDEX in src/features/studio/demo-listings.ts
const POL_PRICE = parseEther("10");
const ESN_PRICE = parseEther("25");
/** Refund window (s) of the listings: the course's own (`refundWindowDays`, shown in the buy box and passed as
 * the learner's minimum terms; a shorter on-chain window would make the purchase revert as "terms changed"). */
let WINDOW = 0;
/** How long the worker's indexer may take to project a final purchase/refund (it polls every ~second). */
const INDEXED = { timeout: 30_000 };

let courseId: Hex;

const testClient = createTestClient({ mode: "hardhat", chain, transport: http(RPC_URL) });

async function mined(hash: Promise<Hex>) {
  const receipt = await reader.waitForTransactionReceipt({ hash: await hash });
  expect(receipt.status).toBe("success");
}

/** Signs in with SIWE through next-auth as `account` (creates the wallet user on first use). */
async function signIn(page: Page, baseURL: string, account: ReturnType<typeof testAccount>) {
  const { nonce } = (await (await page.request.post("/api/auth/siwe/nonce")).json()) as { nonce: string };
  const origin = new URL(baseURL);
  const message = createSiweMessage({
    address: account.address,
    chainId: 31337,
    domain: origin.host,
    nonce,
    uri: origin.origin,
    version: "1",
    issuedAt: new Date(),
  });
  const signature = await account.signMessage({ message });
  const { csrfToken } = (await (await page.request.get("/api/auth/csrf")).json()) as { csrfToken: string };
  const res = await page.request.post("/api/auth/callback/siwe", {
    form: { message, signature, csrfToken, json: "true", callbackUrl: origin.origin },
  });
  expect(((await res.json()) as { url: string }).url).not.toContain("error=");
}

/** Fails the test on any request that leaves this machine. */
function guardOffline(page: Page): string[] {
  const external: string[] = [];
  page.on("request", (req) => {
    const host = new URL(req.url()).hostname;
    if (!["localhost", "127.0.0.1"].includes(host) && !req.url().startsWith("data:")) external.push(req.url());
  });
  return external;
}

/** Makes `currency` the buy box's primary price ("Also payable in …" → that price), unless it already is. */
async function pickCurrency(page: Page, currency: "POL" | "ESN") {
  const picker = page.getByTestId("price-picker");
  if ((await picker.getAttribute("data-currency")) !== currency) {
    await page.getByTestId("also-payable").locator(`button[data-currency="${currency}"]`).click();
  }
  await expect(picker).toHaveAttribute("data-currency", currency);
}

async function connect(page: Page) {
  await page.getByTestId("wallet-checkout").getByRole("button").first().click();
  await page.getByRole("dialog").getByText("Browser Wallet").click();
  await expect(page.getByTestId("wallet-checkout")).not.toHaveAttribute("data-state", "disconnected");
}

/** The signed-in user's enrollment status of git-novice from the status API (`ACTIVE`, `REVOKED` or null). */
async function enrollmentStatus(page: Page): Promise<string | null> {
  const res = await page.request.get("/api/enrollments/status?course=git-novice");
  expect(res.status()).toBe(200);
  return ((await res.json()) as { status: string | null }).status;
}

const purchaseOf = (who: Address) =>
  reader.readContract({ address: market.address, abi: market.abi, functionName: "purchaseOf", args: [who, courseId] });

test.describe.serial("wallet checkout", () => {
  test.beforeAll(async ({ request }) => {
    const course = (await (await request.get("/api/courses/git-novice")).json()) as { id: string };
    courseId = courseIdToBytes32(course.id);
    const seeded = await reader.readContract({
      address: market.address,
      abi: market.abi,
      functionName: "listingOf",
      args: [courseId, zeroAddress],
    });
    WINDOW = seeded.refundWindow || 14 * 86_400; // the seed listed it with the course's window (default 14 days)
    // listings in both tokens by the platform catalog key (account 1), provider = the seeded payout account #7
    for (const [token, price] of [
      [zeroAddress, POL_PRICE],
      [esn.address, ESN_PRICE],
    ] as const) {
      await mined(
        signer(1).writeContract({
          address: market.address,
          abi: market.abi,
          functionName: "setListing",
          args: [courseId, token, provider.address, price, WINDOW, true],
        }),
      );
    }
    // fund the learner with ESN from the treasury (account 4)
    await mined(
      signer(4).writeContract({
        address: esn.address,
        abi: esn.abi,
        functionName: "transfer",
        args: [learner.address, parseEther("100")],
      }),
    );
  });

  test("buy with the native coin; a rejected request shows a clear message", async ({ page, baseURL }) => {
    const external = guardOffline(page);
    await signIn(page, baseURL ?? "", learner);
    const wallet = await installWallet(page, { account: learner, rpcUrl: RPC_URL, chainId: 31337 });
    await page.goto("/courses/git-novice");
    await pickCurrency(page, "POL");
    await connect(page);

    wallet.rejectNext();
    await page.getByRole("button", { name: "Buy with wallet · 10 POL" }).click();
    await expect(page.getByTestId("wallet-error")).toHaveText("You rejected the request in your wallet.");

    await page.getByRole("button", { name: "Buy with wallet · 10 POL" }).click();
    await expect(page.getByTestId("wallet-confirmed")).toContainText("Transaction confirmed in block");
    const hash = await page.getByTestId("wallet-tx-hash").textContent();
    expect(hash).toMatch(/^0x[0-9a-f]{64}$/);
    const receipt = await reader.getTransactionReceipt({ hash: hash as Hex });
    expect(receipt.status).toBe("success");
    const p = await purchaseOf(learner.address);
    expect(p).toMatchObject({ status: 1, amount: POL_PRICE, token: zeroAddress, buyer: learner.address });
    // local chain: final at once; access comes only from the indexer, which the page polls via the status API
    await expect(page.getByText("Final on the chain.")).toBeVisible();
    await expect(page.getByTestId("wallet-unlocked")).toBeVisible(INDEXED);
    await expect(page.getByTestId("wallet-progress")).toHaveAttribute("data-unlocked", "true");
    expect(await enrollmentStatus(page)).toBe("ACTIVE");
    expect(external).toEqual([]);
  });

  test("refund inside the window, then withdraw the refund", async ({ page, baseURL }) => {
    await signIn(page, baseURL ?? "", learner);
    await installWallet(page, { account: learner, rpcUrl: RPC_URL, chainId: 31337 });
    await page.goto("/courses/git-novice");
    await connect(page);
    await expect(page.getByTestId("wallet-checkout")).toHaveAttribute("data-state", "owned");
    await expect(page.getByTestId("refund-reason")).toContainText("Refundable until");
    await page.getByRole("button", { name: "Refund", exact: true }).click();
    // the confirmation states the rule before anything is sent
    await expect(page.getByTestId("refund-confirm")).toContainText("only while no certificate has been issued");
    await page.getByRole("button", { name: "Confirm refund" }).click();
    await expect(page.getByTestId("refund-done")).toBeVisible();
    expect((await purchaseOf(learner.address)).status).toBe(2);
    // the indexer projects the final PurchaseRefunded event: access ends
    await expect.poll(() => enrollmentStatus(page), INDEXED).toBe("REVOKED");

    const before = await reader.getBalance({ address: learner.address });
    await page.getByRole("button", { name: "Withdraw refund (10 POL)" }).click();
    // the button reads "Withdrawing…" while the transaction is pending: wait for the chain, then the UI
    await expect
      .poll(() =>
        reader.readContract({
          address: market.address,
          abi: market.abi,
          functionName: "withdrawableOf",
          args: [zeroAddress, learner.address],
        }),
      )
      .toBe(0n);
    await expect(page.getByRole("button", { name: /Withdraw/ })).toHaveCount(0);
    await expect(page.locator('[role="alert"][data-code]')).toHaveCount(0);
    // refund minus gas
    expect((await reader.getBalance({ address: learner.address })) - before).toBeGreaterThan(parseEther("9.99"));
  });

  test("buy with ESN by EIP-2612 permit (one transaction, no approve)", async ({ page, baseURL }) => {
    await signIn(page, baseURL ?? "", learner);
    const wallet = await installWallet(page, { account: learner, rpcUrl: RPC_URL, chainId: 31337 });
    await page.goto("/courses/git-novice");
    await pickCurrency(page, "ESN");
    await connect(page);
    const esnBefore = await reader.readContract({
      address: esn.address,
      abi: esn.abi,
      functionName: "balanceOf",
      args: [learner.address],
    });
    await page.getByRole("button", { name: "Buy with wallet · 25 ESN" }).click();
    await expect(page.getByTestId("wallet-confirmed")).toBeVisible();
    expect(wallet.calls.filter((m) => m === "eth_signTypedData_v4")).toHaveLength(1);
    expect(wallet.calls.filter((m) => m === "eth_sendTransaction")).toHaveLength(1);
    expect(await purchaseOf(learner.address)).toMatchObject({ status: 1, amount: ESN_PRICE, token: esn.address });
    const esnAfter = await reader.readContract({
      address: esn.address,
      abi: esn.abi,
      functionName: "balanceOf",
      args: [learner.address],
    });
    expect(esnBefore - esnAfter).toBe(ESN_PRICE);
    await expect(page.getByTestId("wallet-unlocked")).toBeVisible(INDEXED);
    expect(await enrollmentStatus(page)).toBe("ACTIVE");
  });

  test("after the refund window the provider releases the escrow and withdraws on /earnings", async ({
    page,
    baseURL,
    browser,
  }) => {
    await testClient.increaseTime({ seconds: WINDOW + 1 });
    await testClient.mine({ blocks: 1 });
    // the seeded provider of git-novice (no password: a session signed with the stack's secret), paid out
    // to test account 7 — the provider of the on-chain listings (seed and beforeAll)
    const seeded = await seededCourse("git-novice");
    await page
      .context()
      .addCookies([
        await sessionCookieFor(baseURL ?? "", { id: seeded.providerId, email: seeded.providerEmail, name: "Provider" }),
      ]);
    const res = await page.request.put("/api/auth/provider", { data: { payoutAddress: provider.address } });
    expect(res.status(), await res.text()).toBe(200);
    await installWallet(page, { account: provider, rpcUrl: RPC_URL, chainId: 31337 });
    await page.goto("/earnings");

    const esnRow = page.getByTestId("earnings-totals").locator('tr[data-currency="ESN"]');
    // 25 ESN minus the 10 % platform fee, past its refund deadline (chain time)
    await expect(esnRow.locator('[data-col="releasable"]')).toHaveText("22.5 ESN");
    await expect(esnRow.locator('[data-col="withdrawable"]')).toHaveText("0 ESN");
    const sale = page.getByTestId("earnings-sales").locator('tr[data-state="releasable"]');
    await expect(sale).toHaveCount(1);
    await expect(sale).toContainText(learner.address);
    await expect(page.getByRole("note")).toContainText("Connect your payout wallet");
    await page.getByRole("button", { name: "Connect Wallet" }).click();
    await page.getByRole("dialog").getByText("Browser Wallet").click();
    await expect(page.getByRole("note")).toHaveCount(0);

    await sale.getByRole("button", { name: "Release" }).click();
    await expect(esnRow.locator('[data-col="withdrawable"]')).toHaveText("22.5 ESN");
    await expect(esnRow.locator('[data-col="releasable"]')).toHaveText("0 ESN");
    expect((await purchaseOf(learner.address)).status).toBe(3);
    await expect(page.locator('[role="alert"][data-code]')).toHaveCount(0);

    await esnRow.getByRole("button", { name: "Withdraw 22.5 ESN" }).click();
    await expect(esnRow.locator('[data-col="withdrawn"]')).toHaveText("22.5 ESN");
    await expect(esnRow.locator('[data-col="withdrawable"]')).toHaveText("0 ESN");
    const got = await reader.readContract({
      address: esn.address,
      abi: esn.abi,
      functionName: "balanceOf",
      args: [provider.address],
    });
    expect(got).toBe(parseEther("22.5"));
    // released, not refunded: the learner keeps access
    const learnerPage = await browser.newPage();
    await signIn(learnerPage, baseURL ?? "", learner);
    expect(await enrollmentStatus(learnerPage)).toBe("ACTIVE");
    await learnerPage.close();
  });

  test("a purchase from a wallet not linked to the account is explained and joins the account once linked", async ({
    page,
    baseURL,
  }) => {
    // signed in with account 6; the browser wallet is account 8, which the account does not have
    const account = testAccount(6);
    const other = testAccount(8);
    await signIn(page, baseURL ?? "", account);
    await installWallet(page, { account: other, rpcUrl: RPC_URL, chainId: 31337 });
    await page.goto("/courses/git-novice");
    // not enrolled: the buy box opens on the card price (fiat first for every locale); POL is "also payable"
    await pickCurrency(page, "POL");
    await connect(page);
    await expect(page.getByTestId("wallet-checkout")).toHaveAttribute("data-state", "unlinked");
    // before the choice: the wallet (short form, as wallets show it) and whether it can pay at all
    await expect(page.getByTestId("wallet-link-choice")).toContainText(
      `${other.address.slice(0, 6)}…${other.address.slice(-4)} is not linked`,
    );
    await expect(page.getByTestId("wallet-balance")).toHaveAttribute("data-enough", "true");
    await page.getByRole("button", { name: "Buy for this wallet only" }).click();
    await expect(page.getByTestId("wallet-owner-note")).toContainText(other.address);
    await page.getByRole("button", { name: "Buy with wallet · 10 POL" }).click();
    await expect(page.getByTestId("wallet-confirmed")).toContainText("Transaction confirmed in block");
    // never silent: the buy box says where the purchase went instead of waiting for an unlock that never comes
    await expect(page.getByTestId("wallet-unlinked-bought")).toContainText(other.address);
    expect((await purchaseOf(other.address)).status).toBe(1);

    // the dashboard explains it too (the buy box reported the purchase), with the link action
    await page.goto("/dashboard");
    const notice = page.getByTestId("unlinked-purchases");
    await expect(notice.locator(`li[data-wallet="${other.address}"]`)).toContainText("not linked to your account");
    // and so does the course page, even without the wallet connected
    await page.goto("/courses/git-novice");
    await expect(page.getByTestId("unlinked-purchases")).toContainText(other.address);
    expect(await enrollmentStatus(page)).toBeNull();

    // linking the wallet (one SIWE signature) moves the purchase into the account
    await page.goto("/dashboard");
    await notice.getByRole("button", { name: "Link a wallet" }).click();
    await expect(page.getByTestId("unlinked-purchases")).toHaveCount(0, INDEXED);
    await expect.poll(() => enrollmentStatus(page), INDEXED).toBe("ACTIVE");
    await expect(page.locator('li[data-course="git-novice"]')).toBeVisible();
  });

  test("the provider moves its payout address by signing with its payout wallet; the platform relays it", async ({
    page,
    baseURL,
  }) => {
    test.setTimeout(150_000);
    // last in this file: git-novice pays the new address afterwards; the chain's clock is ~2 weeks ahead of
    // the wall clock here (the release test), so the signatures' deadline must come from chain time
    const next = testAccount(12);
    const seeded = await seededCourse("git-novice");
    await page
      .context()
      .addCookies([
        await sessionCookieFor(baseURL ?? "", { id: seeded.providerId, email: seeded.providerEmail, name: "Provider" }),
      ]);
    await installWallet(page, { account: provider, rpcUrl: RPC_URL, chainId: 31337 });
    await page.goto("/earnings");
    const panel = page.getByTestId("payout-rotation");
    await panel.getByLabel("New payout address").fill("0x0000000000000000000000000000000000000000");
    await panel.getByRole("button", { name: "Sign with my payout wallet" }).click();
    await expect(page.getByTestId("payout-rotation-error")).toContainText("zero address");
    await panel.getByLabel("New payout address").fill(next.address);
    await panel.getByRole("button", { name: "Sign with my payout wallet" }).click();
    await expect(page.getByTestId("payout-rotation-done")).toContainText("signed");
    // the catalog key relays the provider's EIP-712 consent through the outbox; the contract checks it
    const providerOf = () =>
      reader.readContract({ address: market.address, abi: market.abi, functionName: "providerOf", args: [courseId] });
    await expect.poll(providerOf, { timeout: 90_000 }).toBe(next.address);
    // the outbox row turns CONFIRMED once the sender has seen the receipt (a moment after the chain changed)
    await expect(async () => {
      await page.reload();
      await expect(page.getByTestId("payout-rotations").locator('tr[data-state="CONFIRMED"]').first()).toContainText(
        next.address,
        { timeout: 2_000 },
      );
    }).toPass({ timeout: 30_000 });
    await expect(page.getByTestId("payout-address")).toContainText(next.address);
  });
});

test("before paying the buy box shows the wallet's balance; short of ESN it names the gap and the test faucet closes it", async ({
  page,
  baseURL,
}) => {
  // Hardhat account #11: test coins for gas, but no ESN.
  const newcomer = testAccount(11);
  await signIn(page, baseURL ?? "", newcomer);
  await installWallet(page, { account: newcomer, rpcUrl: RPC_URL, chainId: 31337 });
  await page.goto("/courses/git-novice");
  await pickCurrency(page, "ESN");
  await connect(page);
  const balance = page.getByTestId("wallet-balance");
  await expect(balance).toHaveAttribute("data-enough", "false");
  await expect(balance).toContainText("Your wallet holds 0 ESN.");
  await expect(page.getByTestId("wallet-shortfall")).toHaveText("You need 25 ESN more to buy this course.");
  await balance.getByRole("button", { name: "Fund this test wallet" }).click();
  await expect(balance.getByRole("status")).toContainText("Sent 10 test coins and 1,000 ESN");
  await expect(balance).toHaveAttribute("data-enough", "true");
  await expect(balance).toContainText("Your wallet holds 1000 ESN.");
  await expect(page.getByTestId("wallet-shortfall")).toHaveCount(0);
  // POL: plenty (the account's test coins), nothing missing.
  await pickCurrency(page, "POL");
  await expect(page.getByTestId("wallet-balance")).toHaveAttribute("data-enough", "true");
});
