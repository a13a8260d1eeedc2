/**
 * Purchases from a wallet that is not linked to the signed-in account (issue 10 §3.1): reported from the
 * buy box, verified against a real Hardhat chain, shown until the wallet is linked, then the enrollment
 * is the account's. Real PostgreSQL.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PrismaClient } from "@smolitux/db";
import { courseIdToBytes32 } from "@smolitux/contracts/courseId";
import { startTestChain, type TestChain } from "../../../../test/chain.ts";
import { createTestDatabase, type TestDatabase } from "../../../../test/db.ts";
import { linkWallet } from "../../auth/wallets.ts";
import { reconcileUserEnrollments } from "../../enrollment/service.ts";
import { chainActions, devAccount } from "../../indexer/chain-fixtures.ts";
import { createIndexer } from "../../indexer/indexer.ts";
import { reportWalletPurchase, unlinkedPurchases, type UnlinkedPurchaseDeps } from "./unlinked-purchases.ts";

let chain: TestChain;
let t: TestDatabase;
let db: PrismaClient;
let deps: UnlinkedPurchaseDeps;
let act: ReturnType<typeof chainActions>;
let courseId: string;
let userId: string;
const PRICE = 10n ** 16n;
const linked = devAccount(7);
const other = devAccount(8);

const index = () =>
  createIndexer({
    db,
    client: chain.client,
    contracts: chain.contracts,
    finality: { kind: "confirmations", blocks: 0 },
    batchBlocks: 1000,
  }).step();

const enrollment = () => db.enrollment.findUnique({ where: { userId_courseId: { userId, courseId } } });

beforeAll(async () => {
  [chain, t] = await Promise.all([startTestChain(), createTestDatabase()]);
  db = t.db;
  deps = { db, client: chain.client, contracts: chain.contracts };
  act = chainActions(chain.client, chain.contracts);
  const provider = await db.user.create({ data: { roles: ["LEARNER", "PROVIDER"] }, select: { id: true } });
  const course = await db.course.create({
    data: { slug: "unlinked", title: "Unlinked wallets", providerId: provider.id, status: "PUBLISHED" },
    select: { id: true },
  });
  courseId = course.id;
  await db.course.update({ where: { id: courseId }, data: { onchainCourseId: courseIdToBytes32(courseId) } });
  userId = (await db.user.create({ data: { wallets: { create: { address: linked } } }, select: { id: true } })).id;
  await act.list(courseId, PRICE);
}, 120_000);

afterAll(async () => {
  await Promise.all([chain?.stop(), t?.drop()]);
});

describe("purchases from a wallet not linked to the account", () => {
  it("a purchase from an unlinked wallet is remembered, explained while it confirms, and not the account's", async () => {
    const { hash } = await act.buy(courseId, other, PRICE);
    expect(await reportWalletPurchase(deps, userId, hash)).toEqual({ notice: true, learner: other });
    // reported twice (a reload of the buy box): still one notice
    await reportWalletPurchase(deps, userId, hash);
    expect(await db.walletPurchaseNotice.count({ where: { userId } })).toBe(1);
    expect(await unlinkedPurchases(db, userId)).toEqual([
      { courseId, slug: "unlinked", title: "Unlinked wallets", learner: other, state: "confirming" },
    ]);
    await index();
    expect(await unlinkedPurchases(db, userId, { courseId })).toMatchObject([{ learner: other, state: "active" }]);
    // the enrollment belongs to the wallet's address: not to this account until it is linked
    expect(await enrollment()).toBeNull();
  });

  it("linking the wallet moves the purchase into the account and ends the notice", async () => {
    await linkWallet(db, userId, other, { onChange: (tx) => reconcileUserEnrollments(tx, userId) });
    expect(await enrollment()).toMatchObject({ status: "ACTIVE", source: "CRYPTO" });
    expect(await unlinkedPurchases(db, userId)).toEqual([]);
  });

  it("a purchase from a linked wallet or a gift stores nothing; other transactions are refused", async () => {
    const second = await db.course.create({
      data: { slug: "unlinked-2", title: "Second", providerId: userId, status: "PUBLISHED" },
      select: { id: true },
    });
    await db.course.update({ where: { id: second.id }, data: { onchainCourseId: courseIdToBytes32(second.id) } });
    await act.list(second.id, PRICE);
    const own = await act.buy(second.id, linked, PRICE);
    expect(await reportWalletPurchase(deps, userId, own.hash)).toEqual({ notice: false, learner: linked });
    const gift = await chain.client.writeContract({
      address: chain.contracts.CourseMarketplace.address,
      abi: chain.contracts.CourseMarketplace.abi,
      functionName: "purchase",
      args: [courseIdToBytes32(second.id), devAccount(9), "0x0000000000000000000000000000000000000000", PRICE, 0],
      account: devAccount(10),
      chain: chain.client.chain,
      value: PRICE,
    });
    await chain.client.waitForTransactionReceipt({ hash: gift });
    expect(await reportWalletPurchase(deps, userId, gift)).toEqual({ notice: false, learner: null });
    const listing = await act.list(second.id, PRICE * 2n);
    await expect(reportWalletPurchase(deps, userId, listing.hash)).rejects.toMatchObject({ code: "not_found" });
    await expect(reportWalletPurchase(deps, userId, `0x${"12".repeat(32)}`)).rejects.toMatchObject({
      code: "not_found",
    });
    expect(await db.walletPurchaseNotice.count({ where: { userId } })).toBe(1);
  });

  it("a refunded purchase from an unlinked wallet is no longer shown", async () => {
    const third = devAccount(11);
    const learner = (await db.user.create({ data: {}, select: { id: true } })).id;
    const { hash } = await act.buy(courseId, third, PRICE);
    await reportWalletPurchase(deps, learner, hash);
    await index();
    expect(await unlinkedPurchases(db, learner)).toHaveLength(1);
    await act.refund(courseId, third);
    await index();
    expect(await unlinkedPurchases(db, learner)).toEqual([]);
  });
});
