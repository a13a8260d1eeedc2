/**
 * Provider payouts of card sales, end to end against the local Stripe stub and a real database: a card
 * sale (checkout + signed webhook), its on-chain record as the indexer projects it (Purchase row with the
 * record's block time), chain time before/after the refund window, the transfer (split, transfer_group,
 * idempotency key, source charge), retries with backoff, crash recovery, held payouts, refund after the
 * transfer (one reversal), and the Connect webhooks (transfer.created / transfer.reversed / payout.*).
 */
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { courseIdToBytes32 } from "@smolitux/contracts/courseId";
import { placeholderAddress } from "@/features/enrollment/learner-address.ts";
import { eventEnvelope, saleEvents, sign } from "../../../test/stripe/events.ts";
import { fixture } from "../../../test/stripe/fixtures.ts";
import { seedCourse, startCardHarness, type CardHarness } from "../../../test/stripe/harness.ts";
import { createCardCheckout } from "../checkout/card/checkout.ts";
import { paymentRefOf } from "../checkout/card/handlers.ts";
import { handleStripeWebhook } from "../checkout/card/webhook.ts";
import { startConnectOnboarding, refreshConnectAccount } from "./connect.ts";
import { failedTransfers, providerCardBalances } from "./admin.ts";
import { retryFailedTransfer } from "./retry.ts";
import { cardStatement, csvField, statementCsv } from "./statement.ts";
import { reversalTarget, runTransferPass, transferKey, type TransferDeps } from "./transfers.ts";

let h: CardHarness;
beforeAll(async () => {
  h = await startCardHarness();
});
afterAll(async () => {
  expect(h.stub.schemaViolations).toEqual([]);
  await h.close();
});

const DAY = 86_400;
let purchaseSeq = 1_000;

/** Pass dependencies at chain time `chainSeconds` and wall clock `now`. */
function passDeps(chainSeconds: number, extra: Partial<TransferDeps> = {}): TransferDeps {
  return {
    db: h.t.db,
    stripe: h.deps.stripe,
    log: h.deps.log,
    chainId: 31337,
    chainTime: async () => BigInt(chainSeconds),
    platformFeeBps: 1_000,
    maxAttempts: 3,
    ...extra,
  };
}

/** Completes onboarding of `providerId` through the stub's hosted page; returns the account id. */
async function connect(providerId: string): Promise<string> {
  const deps = { db: h.t.db, stripe: h.deps.stripe, appUrl: h.deps.appUrl, log: h.deps.log };
  const { url, accountId } = await startConnectOnboarding(deps, providerId);
  await fetch(url, { redirect: "manual" });
  await refreshConnectAccount(deps, providerId);
  return accountId;
}

/**
 * A paid card sale (EUR 19.99, refund window 14 days) recorded on chain at `recordedAt` (seconds). The
 * on-chain record carries the contract's card refund deadline (`onchainDeadline`, seconds; default
 * record time + 14 days; `null` = a record by the contract from before the deadline was stored).
 */
async function paidSale(
  recordedAt: number,
  opts: { connected?: boolean; currency?: "EUR" | "USD"; onchainDeadline?: number | null } = {},
) {
  const { provider, learner, course } = await seedCourse(h.t.db);
  const accountId = opts.connected === false ? null : await connect(provider.id);
  const currency = opts.currency ?? "EUR";
  const { sessionId, cardPaymentId } = await createCardCheckout(h.deps, learner.id, {
    courseSlug: course.slug,
    currency,
  });
  const paymentIntent = String(h.stub.sessions.get(sessionId)?.payment_intent);
  const amountTotal = currency === "EUR" ? 1999 : 2199;
  const events = saleEvents(h.deps.webhookSecret, {
    id: sessionId,
    paymentIntent,
    amountTotal,
    currency: currency.toLowerCase(),
    metadata: { courseId: course.id, userId: learner.id },
  });
  const completed = events.completed();
  const done = await handleStripeWebhook(h.deps, completed.body, completed.signature);
  expect(done.body.outcome).toBe("fulfilled");
  // The indexer's projection of CardPurchaseRecorded (createdAt = the record's block time, refundDeadline
  // = the event's refundDeadline).
  const onchainDeadline = opts.onchainDeadline === undefined ? recordedAt + 14 * DAY : opts.onchainDeadline;
  await h.t.db.purchase.create({
    data: {
      chainId: 31337,
      purchaseId: String(purchaseSeq++),
      courseChainId: courseIdToBytes32(course.id),
      learner: placeholderAddress(learner.id),
      amount: "0",
      card: true,
      paymentRef: paymentRefOf(paymentIntent),
      status: "CARD",
      txHash: `0x${randomBytes(32).toString("hex")}`,
      createdAt: new Date(recordedAt * 1000),
      refundDeadline: onchainDeadline === null ? null : new Date(onchainDeadline * 1000),
    },
  });
  return { provider, learner, course, cardPaymentId, paymentIntent, accountId, events, amountTotal };
}

const transferOf = (cardPaymentId: string) => h.t.db.stripeTransfer.findUnique({ where: { cardPaymentId } });

describe("transfer after the refund window", () => {
  it("waits for chain time to pass the recorded deadline, then sends the provider's share once", async () => {
    const t0 = 1_900_000_000;
    const sale = await paidSale(t0);
    const row = await h.t.db.cardPayment.findUniqueOrThrow({ where: { id: sale.cardPaymentId } });
    expect(row).toMatchObject({ providerId: sale.provider.id, platformFeeBps: 1_000, refundWindowSeconds: 14 * DAY });

    // One second before the deadline in chain time: deadline stored, nothing queued.
    const before = await runTransferPass(passDeps(t0 + 14 * DAY - 1));
    expect(before.deadlines).toBeGreaterThanOrEqual(1);
    expect(await transferOf(sale.cardPaymentId)).toBeNull();
    const stored = await h.t.db.cardPayment.findUniqueOrThrow({ where: { id: sale.cardPaymentId } });
    expect(stored.refundDeadline?.getTime()).toBe((t0 + 14 * DAY) * 1000);

    await runTransferPass(passDeps(t0 + 14 * DAY));
    const tr = await transferOf(sale.cardPaymentId);
    // 1999 − ⌊1999·10 %⌋ = 1800; Stripe fee 1.5 % + 25 = 55; provider's part ⌊55·1800/1999⌋ = 49.
    expect(tr).toMatchObject({
      status: "SENT",
      grossAmount: expect.anything(),
      destination: sale.accountId,
      attempts: 1,
    });
    expect(tr?.platformFee.toFixed(0)).toBe("199");
    expect(tr?.stripeFeeShare.toFixed(0)).toBe("49");
    expect(tr?.amount.toFixed(0)).toBe("1751");
    const sent = h.stub.transfers.get(tr?.transferId ?? "");
    expect(sent).toMatchObject({
      amount: 1751,
      currency: "eur",
      destination: sale.accountId,
      transfer_group: sale.cardPaymentId,
      source_transaction: tr?.chargeId,
      metadata: { stripeTransferId: tr?.id, cardPaymentId: sale.cardPaymentId },
    });
    const creates = h.stub.requests.filter((r) => r.path === "/v1/transfers" && r.method === "POST");
    expect(creates.filter((r) => r.idempotencyKey === transferKey.create(tr?.id ?? "", 1))).toHaveLength(1);

    // Later passes change nothing.
    await runTransferPass(passDeps(t0 + 20 * DAY));
    expect([...h.stub.transfers.values()].filter((t) => t.transfer_group === sale.cardPaymentId)).toHaveLength(1);
  });

  it("uses the refund deadline the escrow contract recorded; a record without one falls back to block time + window", async () => {
    const t0 = 1_910_000_000;
    // The contract's deadline wins over a recomputation from the sale's window (here deliberately apart).
    const onchain = await paidSale(t0, { onchainDeadline: t0 + 3 * DAY });
    const legacy = await paidSale(t0, { onchainDeadline: null });
    await runTransferPass(passDeps(t0 + 3 * DAY - 1));
    const deadlineOf = async (id: string) =>
      (await h.t.db.cardPayment.findUniqueOrThrow({ where: { id } })).refundDeadline?.getTime();
    expect(await deadlineOf(onchain.cardPaymentId)).toBe((t0 + 3 * DAY) * 1000);
    expect(await deadlineOf(legacy.cardPaymentId)).toBe((t0 + 14 * DAY) * 1000);
    expect(await transferOf(onchain.cardPaymentId)).toBeNull();
    await runTransferPass(passDeps(t0 + 3 * DAY));
    expect(await transferOf(onchain.cardPaymentId)).toMatchObject({ status: "SENT" });
    expect(await transferOf(legacy.cardPaymentId)).toBeNull();
    await runTransferPass(passDeps(t0 + 14 * DAY));
    expect(await transferOf(legacy.cardPaymentId)).toMatchObject({ status: "SENT" });
  });

  it("pays USD sales in USD", async () => {
    const t0 = 1_900_100_000;
    const sale = await paidSale(t0, { currency: "USD" });
    await runTransferPass(passDeps(t0 + 14 * DAY));
    const tr = await transferOf(sale.cardPaymentId);
    // 2199 − 219 = 1980; fee round(32.985)+25 = 58; ⌊58·1980/2199⌋ = 52 → 1928.
    expect(tr?.amount.toFixed(0)).toBe("1928");
    expect(h.stub.transfers.get(tr?.transferId ?? "")).toMatchObject({ amount: 1928, currency: "usd" });
  });

  it("holds the payout of a provider without payouts enabled until they connect", async () => {
    const t0 = 1_900_200_000;
    const sale = await paidSale(t0, { connected: false });
    await runTransferPass(passDeps(t0 + 15 * DAY));
    expect(await transferOf(sale.cardPaymentId)).toMatchObject({ status: "PENDING", attempts: 0, transferId: null });
    const accountId = await connect(sale.provider.id);
    await runTransferPass(passDeps(t0 + 15 * DAY));
    expect(await transferOf(sale.cardPaymentId)).toMatchObject({ status: "SENT", destination: accountId });
  });

  it("retries a failed transfer with backoff and gives up after the last attempt", async () => {
    const t0 = 1_900_300_000;
    const sale = await paidSale(t0);
    const start = Date.now() + 60_000; // after the row's creation (nextAttemptAt defaults to the database clock)
    h.stub.failNextTransfers(1);
    await runTransferPass(passDeps(t0 + 14 * DAY, { now: () => new Date(start) }));
    const first = await transferOf(sale.cardPaymentId);
    expect(first).toMatchObject({ status: "PENDING", attempts: 1 });
    expect(first?.lastError).toMatch(/Insufficient funds/);
    expect(first?.nextAttemptAt.getTime()).toBe(start + 30_000);
    // Not due yet: nothing happens.
    await runTransferPass(passDeps(t0 + 14 * DAY, { now: () => new Date(start + 10_000) }));
    expect(await transferOf(sale.cardPaymentId)).toMatchObject({ status: "PENDING", attempts: 1 });
    // Due: looks the transfer up by its group first (none), then sends.
    await runTransferPass(passDeps(t0 + 14 * DAY, { now: () => new Date(start + 31_000) }));
    expect(await transferOf(sale.cardPaymentId)).toMatchObject({ status: "SENT", attempts: 2, lastError: null });

    const other = await paidSale(t0 + 1);
    h.stub.failNextTransfers(1);
    await runTransferPass(passDeps(t0 + 15 * DAY, { maxAttempts: 1 }));
    expect(await transferOf(other.cardPaymentId)).toMatchObject({ status: "FAILED", attempts: 1 });
  });

  it("after a crash between Stripe's answer and the commit, adopts the transfer instead of paying twice", async () => {
    const t0 = 1_900_400_000;
    const sale = await paidSale(t0, { connected: true });
    // Queue the row but keep it from being sent: provider's payouts off for one pass.
    await h.t.db.stripeConnectAccount.update({ where: { userId: sale.provider.id }, data: { payoutsEnabled: false } });
    await runTransferPass(passDeps(t0 + 14 * DAY));
    const row = await transferOf(sale.cardPaymentId);
    if (!row) throw new Error("row expected");
    // The "crashed" attempt: claimed (attempts 1) and created at Stripe, never committed.
    await h.t.db.stripeTransfer.update({ where: { id: row.id }, data: { attempts: 1, nextAttemptAt: new Date(0) } });
    const created = await h.deps.stripe.transfers.create(
      {
        amount: Number(row.amount.toFixed(0)),
        currency: "eur",
        destination: sale.accountId ?? "",
        transfer_group: sale.cardPaymentId,
        metadata: { stripeTransferId: row.id },
      },
      { idempotencyKey: "another-key-after-24h" },
    );
    await h.t.db.stripeConnectAccount.update({ where: { userId: sale.provider.id }, data: { payoutsEnabled: true } });
    await runTransferPass(passDeps(t0 + 14 * DAY));
    expect(await transferOf(sale.cardPaymentId)).toMatchObject({ status: "SENT", transferId: created.id });
    expect([...h.stub.transfers.values()].filter((t) => t.transfer_group === sale.cardPaymentId)).toHaveLength(1);
  });
});

describe("refunds", () => {
  it("reverses a sent transfer once when the sale is refunded afterwards", async () => {
    const t0 = 1_900_500_000;
    const sale = await paidSale(t0);
    await runTransferPass(passDeps(t0 + 14 * DAY));
    const sent = await transferOf(sale.cardPaymentId);
    expect(sent?.status).toBe("SENT");

    const refunded = sale.events.refunded();
    expect((await handleStripeWebhook(h.deps, refunded.body, refunded.signature)).body.outcome).toBe("refund_recorded");
    const pass = await runTransferPass(passDeps(t0 + 15 * DAY));
    expect(pass.reversed).toBe(1);
    const after = await transferOf(sale.cardPaymentId);
    expect(after).toMatchObject({ status: "REVERSED" });
    expect(after?.reversalId).toMatch(/^trr_/);
    expect(h.stub.transfers.get(sent?.transferId ?? "")).toMatchObject({ reversed: true, amount_reversed: 1751 });
    await runTransferPass(passDeps(t0 + 16 * DAY));
    const reversals = h.stub.requests.filter((r) => r.path === `/v1/transfers/${sent?.transferId}/reversals`);
    expect(reversals).toHaveLength(1);
    expect(reversals[0]?.idempotencyKey).toBe(transferKey.reverse(sent?.id ?? "", 1751n));
    expect(after?.amountReversed.toFixed(0)).toBe("1751");
  });

  it("reverses in proportion after partial refunds (cumulative, rounded down), then the rest after a full refund", async () => {
    const t0 = 1_900_550_000;
    const sale = await paidSale(t0);
    await runTransferPass(passDeps(t0 + 14 * DAY));
    const sent = await transferOf(sale.cardPaymentId);
    expect(sent).toMatchObject({ status: "SENT" });
    const transferId = sent?.transferId ?? "";
    const reversalsOf = () =>
      h.stub.requests
        .filter((r) => r.path === `/v1/transfers/${transferId}/reversals`)
        .map((r) => ({
          idempotencyKey: r.idempotencyKey,
          amount: typeof r.body === "object" ? r.body.amount : undefined,
        }));

    // 5.00 of 19.99 refunded: access stays; the provider gives back ⌊1751 × 500 / 1999⌋ = 437 (437.97…).
    await h.deps.stripe.refunds.create({ payment_intent: sale.paymentIntent, amount: 500 });
    const first = sale.events.refunded(500);
    expect((await handleStripeWebhook(h.deps, first.body, first.signature)).body.outcome).toBe(
      "partial_refund_ignored",
    );
    expect((await h.t.db.cardPayment.findUniqueOrThrow({ where: { id: sale.cardPaymentId } })).status).toBe("PAID");
    const p1 = await runTransferPass(passDeps(t0 + 15 * DAY));
    expect(p1.partiallyReversed).toBe(1);
    expect(h.stub.transfers.get(transferId)).toMatchObject({ reversed: false, amount_reversed: 437 });
    const afterFirst = await transferOf(sale.cardPaymentId);
    expect(afterFirst).toMatchObject({ status: "SENT" });
    expect(afterFirst?.amountReversed.toFixed(0)).toBe("437");
    expect(reversalsOf().map((r) => [r.idempotencyKey, r.amount])).toEqual([
      [transferKey.reverse(sent?.id ?? "", 437n), "437"],
    ]);
    // Nothing more to do: a later pass and a repeated (or older, out-of-order) delivery change nothing.
    await runTransferPass(passDeps(t0 + 15 * DAY));
    await handleStripeWebhook(h.deps, first.body, first.signature);
    expect(reversalsOf()).toHaveLength(1);

    // Another 7.00 refunded (12.00 in all): cumulative target ⌊1751 × 1200 / 1999⌋ = 1051 → 614 more (not
    // ⌊1751 × 700 / 1999⌋ = 613: rounding is never added up).
    await h.deps.stripe.refunds.create({ payment_intent: sale.paymentIntent, amount: 700 });
    const second = sale.events.refunded(1200);
    await handleStripeWebhook(h.deps, second.body, second.signature);
    await handleStripeWebhook(h.deps, first.body, first.signature); // late older delivery: amount stays 1200
    await runTransferPass(passDeps(t0 + 16 * DAY));
    expect(h.stub.transfers.get(transferId)).toMatchObject({ amount_reversed: 1051 });
    expect(reversalsOf().at(-1)?.amount).toBe("614");
    expect((await transferOf(sale.cardPaymentId))?.amountReversed.toFixed(0)).toBe("1051");

    // The rest refunded: the whole transfer is reversed (700 more), status REVERSED, access revoked.
    await h.deps.stripe.refunds.create({ payment_intent: sale.paymentIntent });
    const full = sale.events.refunded();
    expect((await handleStripeWebhook(h.deps, full.body, full.signature)).body.outcome).not.toBe(
      "partial_refund_ignored",
    );
    const p3 = await runTransferPass(passDeps(t0 + 17 * DAY));
    expect(p3.reversed).toBe(1);
    expect(h.stub.transfers.get(transferId)).toMatchObject({ reversed: true, amount_reversed: 1751 });
    expect(reversalsOf().at(-1)?.amount).toBe("700");
    expect(await transferOf(sale.cardPaymentId)).toMatchObject({ status: "REVERSED" });
    expect(reversalsOf()).toHaveLength(3);
  });

  it("never transfers a sale refunded inside its window, and cancels a queued one refunded before sending", async () => {
    const t0 = 1_900_600_000;
    const early = await paidSale(t0);
    const r1 = early.events.refunded();
    await handleStripeWebhook(h.deps, r1.body, r1.signature);
    await runTransferPass(passDeps(t0 + 30 * DAY));
    expect(await transferOf(early.cardPaymentId)).toBeNull();

    const held = await paidSale(t0, { connected: false });
    await runTransferPass(passDeps(t0 + 30 * DAY));
    expect((await transferOf(held.cardPaymentId))?.status).toBe("PENDING");
    const r2 = held.events.refunded();
    await handleStripeWebhook(h.deps, r2.body, r2.signature);
    await runTransferPass(passDeps(t0 + 30 * DAY));
    expect((await transferOf(held.cardPaymentId))?.status).toBe("CANCELED");
  });
});

describe("Connect webhooks", () => {
  const deliver = (type: string, object: Record<string, unknown>, account?: string) => {
    const d = sign({ ...eventEnvelope(type, object), ...(account ? { account } : {}) }, h.deps.webhookSecret);
    return handleStripeWebhook(h.deps, d.body, d.signature).then((r) => ({ r, d }));
  };

  it("transfer.created marks a crashed send SENT; transfer.reversed marks a dashboard reversal", async () => {
    const t0 = 1_900_700_000;
    const sale = await paidSale(t0, { connected: false });
    await runTransferPass(passDeps(t0 + 14 * DAY));
    const row = await transferOf(sale.cardPaymentId);
    const transfer = {
      ...fixture("transfer"),
      id: `tr_${randomBytes(8).toString("hex")}`,
      amount: 1751,
      currency: "eur",
      transfer_group: sale.cardPaymentId,
      metadata: { stripeTransferId: row?.id ?? "" },
    };
    const { r, d } = await deliver("transfer.created", transfer);
    expect(r.body.outcome).toBe("transfer_recorded");
    expect(await transferOf(sale.cardPaymentId)).toMatchObject({ status: "SENT", transferId: transfer.id });
    expect((await handleStripeWebhook(h.deps, d.body, d.signature)).body.outcome).toBe("duplicate");

    const partial = await deliver("transfer.reversed", { ...transfer, amount_reversed: 100 });
    expect(partial.r.body.outcome).toBe("partial_reversal_ignored");
    const reversal = { ...fixture("transfer_reversal"), id: "trr_dashboard1", transfer: transfer.id };
    const full = await deliver("transfer.reversed", {
      ...transfer,
      amount_reversed: 1751,
      reversed: true,
      reversals: { object: "list", data: [reversal], has_more: false, url: "/v1/x" },
    });
    expect(full.r.body.outcome).toBe("transfer_reversed");
    expect(await transferOf(sale.cardPaymentId)).toMatchObject({ status: "REVERSED", reversalId: "trr_dashboard1" });
    const unknown = await deliver("transfer.created", { ...transfer, id: "tr_unknown1", metadata: {} });
    expect(unknown.r.body.outcome).toBe("unknown_transfer");
  });

  it("payout.paid / payout.failed of a connected account are stored once; foreign accounts are ignored", async () => {
    const { provider } = await seedCourse(h.t.db);
    const accountId = await connect(provider.id);
    const payout = { ...fixture("payout"), id: `po_${randomBytes(8).toString("hex")}`, amount: 1751, currency: "eur" };
    const paid = await deliver("payout.paid", { ...payout, status: "paid" }, accountId);
    expect(paid.r.body.outcome).toBe("payout_recorded");
    const failed = await deliver(
      "payout.failed",
      { ...payout, id: `po_${randomBytes(8).toString("hex")}`, status: "failed", failure_code: "account_closed" },
      accountId,
    );
    expect(failed.r.body.outcome).toBe("payout_recorded");
    const rows = await h.t.db.stripePayout.findMany({ where: { accountId }, orderBy: { createdAt: "asc" } });
    expect(rows.map((p) => [p.status, p.amount.toFixed(0), p.failureCode])).toEqual([
      ["PAID", "1751", null],
      ["FAILED", "1751", "account_closed"],
    ]);
    expect((await deliver("payout.paid", payout, "acct_foreign1")).r.body.outcome).toBe("unknown_account");
    expect((await deliver("payout.paid", payout)).r.body.outcome).toBe("unknown_account");
    const bad = await deliver("payout.paid", { id: 1 }, accountId);
    expect(bad.r.body.outcome).toBe("stored_as_failed");
  });
});

describe("statement", () => {
  it("shows pending → transferred → reversed per currency, only the provider's own sales", async () => {
    const t0 = 1_900_800_000;
    const sale = await paidSale(t0);
    const other = await paidSale(t0);
    await runTransferPass(passDeps(t0 + 1)); // deadlines filled, still in the window
    const pending = await cardStatement(h.t.db, sale.provider.id, new Date((t0 + 1) * 1000));
    expect(pending.sales.map((x) => x.cardPaymentId)).toEqual([sale.cardPaymentId]);
    expect(pending.sales[0]).toMatchObject({
      state: "pending",
      gross: "1999",
      platformFee: "199",
      providerAmount: "1800",
    });
    expect(pending.balances.find((b) => b.currency === "EUR")).toMatchObject({ pending: "1800", transferred: "0" });

    await runTransferPass(passDeps(t0 + 14 * DAY));
    const sent = await cardStatement(h.t.db, sale.provider.id, new Date((t0 + 14 * DAY) * 1000));
    expect(sent.sales[0]).toMatchObject({ state: "transferred", stripeFeeShare: "49", providerAmount: "1751" });
    expect(sent.balances.find((b) => b.currency === "EUR")).toMatchObject({ pending: "0", transferred: "1751" });

    const refunded = sale.events.refunded();
    await handleStripeWebhook(h.deps, refunded.body, refunded.signature);
    await runTransferPass(passDeps(t0 + 15 * DAY));
    const after = await cardStatement(h.t.db, sale.provider.id, new Date((t0 + 15 * DAY) * 1000));
    expect(after.balances.find((b) => b.currency === "EUR")).toMatchObject({ transferred: "0", reversed: "1751" });
    expect((await cardStatement(h.t.db, other.provider.id, new Date())).sales.map((x) => x.cardPaymentId)).toEqual([
      other.cardPaymentId,
    ]);

    const csv = statementCsv(after.sales, []);
    const [header, row] = csv.split("\r\n");
    expect(header).toBe(
      "rail,currency,date,course,gross,platform_fee,stripe_fee_share,provider_amount,refund_deadline,state,reference",
    );
    expect(row).toContain(`card,EUR,`);
    expect(row).toContain(`,1999,199,49,1751,${new Date((t0 + 14 * DAY) * 1000).toISOString()},reversed,tr_`);
  });

  it("CSV fields are quoted and formulas defused", () => {
    expect(csvField("Plain")).toBe("Plain");
    expect(csvField('A "quoted", title')).toBe('"A ""quoted"", title"');
    expect(csvField("=HYPERLINK(1)")).toBe("'=HYPERLINK(1)");
    expect(csvField("-1+2,3")).toBe(`"'-1+2,3"`);
  });
});

describe("admin view", () => {
  it("lists every provider's balances per currency and the failed transfers with their error", async () => {
    const t0 = 1_900_900_000;
    const failing = await paidSale(t0);
    const waiting = await paidSale(t0 + 10 * DAY, { currency: "USD" });
    h.stub.failNextTransfers(1);
    await runTransferPass(passDeps(t0 + 14 * DAY, { maxAttempts: 1 }));
    const failed = await failedTransfers(h.t.db);
    const mine = failed.find((f) => f.provider.id === failing.provider.id);
    expect(mine).toMatchObject({ currency: "EUR", amount: "1751", attempts: 1 });
    expect(mine?.lastError).toMatch(/Insufficient funds/);
    const balances = await providerCardBalances(h.t.db);
    expect(balances.find((b) => b.provider.id === failing.provider.id)).toMatchObject({
      currency: "EUR",
      available: "1751",
      failedCount: 1,
      payoutsEnabled: true,
    });
    expect(balances.find((b) => b.provider.id === waiting.provider.id)).toMatchObject({
      currency: "USD",
      pending: "1980",
      transferred: "0",
    });
  });
});

describe("admin retry of a failed transfer", () => {
  it("platform admins only; FAILED → PENDING once (audited), then one more attempt that looks up first and sends", async () => {
    const t0 = 1_901_500_000;
    const sale = await paidSale(t0);
    h.stub.failNextTransfers(2);
    await runTransferPass(passDeps(t0 + 14 * DAY, { maxAttempts: 2 }));
    await runTransferPass(passDeps(t0 + 14 * DAY, { maxAttempts: 2, now: () => new Date(Date.now() + 3_600_000) }));
    const failed = await transferOf(sale.cardPaymentId);
    expect(failed).toMatchObject({ status: "FAILED", attempts: 2 });
    const id = failed?.id ?? "";

    const provider = { id: sale.provider.id, roles: ["LEARNER", "PROVIDER"] as const };
    await expect(retryFailedTransfer(h.t.db, { ...provider, roles: [...provider.roles] }, id)).rejects.toMatchObject({
      code: "forbidden",
    });
    const school = await h.t.db.user.create({ data: { roles: ["SCHOOL_ADMIN"] }, select: { id: true, roles: true } });
    await expect(retryFailedTransfer(h.t.db, school, id)).rejects.toMatchObject({ code: "forbidden" });
    expect(await transferOf(sale.cardPaymentId)).toMatchObject({ status: "FAILED" });

    const admin = await h.t.db.user.create({ data: { roles: ["PLATFORM_ADMIN"] }, select: { id: true, roles: true } });
    await expect(retryFailedTransfer(h.t.db, admin, "nosuchtransfer")).rejects.toMatchObject({ code: "not_found" });
    // Two admins click at once: one change, one audit row.
    const [a, b] = await Promise.all([retryFailedTransfer(h.t.db, admin, id), retryFailedTransfer(h.t.db, admin, id)]);
    expect([a.changed, b.changed].sort()).toEqual([false, true]);
    expect(await transferOf(sale.cardPaymentId)).toMatchObject({ status: "PENDING", attempts: 2 });
    const audit = await h.t.db.auditLog.findMany({ where: { entity: "StripeTransfer", entityId: id } });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actorId: admin.id, action: "payout.transfer_retried" });
    expect(audit[0]?.details).toMatchObject({ attempts: 2, lastError: expect.stringMatching(/Insufficient funds/) });

    // The next pass makes attempt 3 with a new idempotency key, after looking the transfer up by its group.
    const lookupsBefore = h.stub.requests.filter((r) => r.method === "GET" && r.path === "/v1/transfers").length;
    await runTransferPass(passDeps(t0 + 14 * DAY, { maxAttempts: 2 }));
    const sent = await transferOf(sale.cardPaymentId);
    expect(sent).toMatchObject({ status: "SENT", attempts: 3, lastError: null });
    expect(h.stub.requests.filter((r) => r.method === "GET" && r.path === "/v1/transfers").length).toBe(
      lookupsBefore + 1,
    );
    const creates = h.stub.requests.filter((r) => r.method === "POST" && r.path === "/v1/transfers");
    expect(creates.some((r) => r.idempotencyKey === transferKey.create(id, 3))).toBe(true);
    expect([...h.stub.transfers.values()].filter((t) => t.transfer_group === sale.cardPaymentId)).toHaveLength(1);

    // A sent transfer is not retried; a refunded sale's failed transfer is not either.
    await expect(retryFailedTransfer(h.t.db, admin, id)).rejects.toMatchObject({ code: "conflict" });
    const refunded = await paidSale(t0);
    h.stub.failNextTransfers(1);
    await runTransferPass(passDeps(t0 + 14 * DAY, { maxAttempts: 1 }));
    const gaveUp = await transferOf(refunded.cardPaymentId);
    expect(gaveUp).toMatchObject({ status: "FAILED" });
    await h.t.db.cardPayment.update({ where: { id: refunded.cardPaymentId }, data: { status: "REFUNDED" } });
    await expect(retryFailedTransfer(h.t.db, admin, gaveUp?.id ?? "")).rejects.toMatchObject({ code: "conflict" });
  });
});

describe("reversalTarget", () => {
  it("is ⌊amount × refunded / gross⌋, the whole amount at a full refund, 0 without a refund", () => {
    expect(reversalTarget(1751n, 1999n, 500n)).toBe(437n);
    expect(reversalTarget(1751n, 1999n, 1200n)).toBe(1051n);
    expect(reversalTarget(1751n, 1999n, 1999n)).toBe(1751n);
    expect(reversalTarget(1751n, 1999n, 2500n)).toBe(1751n);
    expect(reversalTarget(1751n, 1999n, 0n)).toBe(0n);
    expect(reversalTarget(1n, 3n, 1n)).toBe(0n);
    expect(reversalTarget(0n, 0n, 5n)).toBe(0n);
  });
});
