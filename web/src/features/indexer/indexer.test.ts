/**
 * Indexer integration tests: a real Hardhat node (test/chain.ts) and a real PostgreSQL database.
 * The tests share one chain and one database and run in order; each builds on the indexed state.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { keccak256, toHex, type Address, type Hex } from "viem";
import type { PrismaClient } from "@smolitux/db";
import { courseIdToBytes32 } from "@smolitux/contracts/courseId";
import { startTestChain, type TestChain } from "../../../test/chain.ts";
import { createTestDatabase, type TestDatabase } from "../../../test/db.ts";
import { learnerAddressForUser } from "../enrollment/learner-address.ts";
import { chainActions, devAccount } from "./chain-fixtures.ts";
import { createIndexer, type IndexerDeps } from "./indexer.ts";

let chain: TestChain;
let t: TestDatabase;
let db: PrismaClient;
let act: ReturnType<typeof chainActions>;
let courseA: string;
let courseB: string;
const PRICE = 10n ** 17n;
const users: Record<string, { id: string; address: Address }> = {};

function indexer(over: Partial<IndexerDeps> = {}) {
  return createIndexer({
    db,
    client: chain.client,
    contracts: chain.contracts,
    finality: { kind: "confirmations", blocks: 0 },
    batchBlocks: 1000,
    ...over,
  });
}

const enrollment = (user: string, courseId: string) =>
  db.enrollment.findUnique({ where: { userId_courseId: { userId: users[user]!.id, courseId } } });

async function makeCourse(slug: string, providerId: string): Promise<string> {
  const c = await db.course.create({
    data: { slug, title: slug, providerId, status: "PUBLISHED" },
    select: { id: true },
  });
  await db.course.update({ where: { id: c.id }, data: { onchainCourseId: courseIdToBytes32(c.id) } });
  return c.id;
}

beforeAll(async () => {
  [chain, t] = await Promise.all([startTestChain(), createTestDatabase()]);
  db = t.db;
  act = chainActions(chain.client, chain.contracts);
  const provider = await db.user.create({ data: { roles: ["LEARNER", "PROVIDER"] }, select: { id: true } });
  courseA = await makeCourse("course-a", provider.id);
  courseB = await makeCourse("course-b", provider.id);
  for (const [name, index] of [
    ["alice", 7],
    ["bob", 8],
    ["carol", 9],
    ["dave", 10],
  ] as const) {
    const address = devAccount(index);
    const u = await db.user.create({ data: { name, wallets: { create: { address } } }, select: { id: true } });
    users[name] = { id: u.id, address };
  }
  const erin = await db.user.create({ data: { name: "erin" }, select: { id: true } });
  users.erin = { id: erin.id, address: learnerAddressForUser(erin.id) };
  await act.list(courseA, PRICE);
  await act.list(courseB, PRICE);
}, 120_000);

afterAll(async () => {
  await Promise.all([chain?.stop(), t?.drop()]);
});

describe("indexer", () => {
  it("unlocks a native purchase only once its block is final", async () => {
    const idx = indexer({ finality: { kind: "confirmations", blocks: 2 } });
    const { blockNumber } = await act.buy(courseA, users.alice!.address, PRICE);
    await idx.step();
    expect(await enrollment("alice", courseA)).toBeNull();
    expect(await db.purchase.count()).toBe(0);
    await chain.mine(1);
    await idx.step();
    expect(await enrollment("alice", courseA)).toBeNull();
    await chain.mine(1);
    const r = await idx.step();
    expect(r.cursor).toBe(blockNumber);
    const e = await enrollment("alice", courseA);
    expect(e).toMatchObject({ status: "ACTIVE", source: "CRYPTO", sourceRef: "purchase:31337:1" });
    const p = await db.purchase.findFirstOrThrow({ select: { learner: true, status: true, amount: true, card: true } });
    expect(p).toMatchObject({ learner: users.alice!.address, status: "ESCROWED", card: false });
    expect(p.amount.toFixed(0)).toBe(PRICE.toString());
    expect(await db.chainLog.count({ where: { eventName: "PurchaseRecorded" } })).toBe(1);
  });

  it("revokes on refund unless an access code still grants the course", async () => {
    await act.buy(courseB, users.alice!.address, PRICE);
    await act.buy(courseB, users.bob!.address, PRICE);
    await indexer().step();
    expect((await enrollment("bob", courseB))?.status).toBe("ACTIVE");
    // Bob also redeemed an access code for course B.
    const code = await db.accessCode.create({
      data: { courseId: courseB, code: "sha256:test-bob", createdById: users.alice!.id, uses: 1 },
    });
    await db.accessCodeRedemption.create({ data: { accessCodeId: code.id, userId: users.bob!.id } });
    await act.refund(courseB, users.alice!.address);
    await act.refund(courseB, users.bob!.address);
    await indexer().step();
    expect(await enrollment("alice", courseB)).toMatchObject({ status: "REVOKED", source: "CRYPTO" });
    expect((await enrollment("alice", courseB))?.revokedAt).toBeInstanceOf(Date);
    expect(await enrollment("bob", courseB)).toMatchObject({ status: "ACTIVE", source: "CODE" });
    expect(await db.purchase.count({ where: { status: "REFUNDED" } })).toBe(2);
  });

  it("grants and revokes card sales recorded for a wallet-less user's placeholder address", async () => {
    await db.cardPayment.create({
      data: {
        userId: users.erin!.id,
        courseId: courseA,
        currency: "EUR",
        amount: 1999,
        checkoutSession: "cs_test_erin",
      },
    });
    const ref: Hex = keccak256(toHex("pi_test_erin"));
    await act.recordCard(courseA, users.erin!.address, ref, 3 * 86_400);
    await indexer().step();
    expect(await enrollment("erin", courseA)).toMatchObject({ status: "ACTIVE", source: "CARD" });
    const card = await db.purchase.findFirstOrThrow({ where: { card: true } });
    expect(card).toMatchObject({ paymentRef: ref, status: "CARD" });
    // The card refund deadline the contract recorded = the record's block time + the window.
    expect(card.refundDeadline?.getTime()).toBe(card.createdAt.getTime() + 3 * 86_400_000);
    await act.revokeCard(ref);
    await indexer().step();
    expect(await enrollment("erin", courseA)).toMatchObject({ status: "REVOKED", source: "CARD" });
  });

  it("projects certificate mint and revocation onto the learner's certificate row", async () => {
    await db.certificate.create({ data: { userId: users.alice!.id, courseId: courseA, status: "MINTING" } });
    await act.mint(courseA, users.alice!.address);
    await indexer().step();
    const issued = await db.certificate.findFirstOrThrow({ where: { userId: users.alice!.id } });
    expect(issued).toMatchObject({ status: "ISSUED", ownerAddress: users.alice!.address });
    expect(issued.tokenId?.toFixed(0)).toMatch(/^\d+$/);
    await act.revokeCertificate(BigInt(issued.tokenId!.toFixed(0)));
    await indexer().step();
    expect(await db.certificate.findFirstOrThrow({ where: { userId: users.alice!.id } })).toMatchObject({
      status: "REVOKED",
    });
  });

  it("a crash inside a batch applies nothing; the restart applies everything exactly once", async () => {
    await act.buy(courseA, users.bob!.address, PRICE);
    await act.buy(courseA, users.carol!.address, PRICE);
    const cursorBefore = await db.chainCursor.findFirstOrThrow();
    const logsBefore = await db.chainLog.count();
    const crashing = indexer({
      afterLog: (n) => {
        if (n === 2) throw new Error("simulated crash");
      },
    });
    await expect(crashing.step()).rejects.toThrow("simulated crash");
    expect(await db.chainLog.count()).toBe(logsBefore);
    expect(await db.chainCursor.findFirstOrThrow()).toEqual(cursorBefore);
    expect(await enrollment("bob", courseA)).toBeNull();
    await indexer().step();
    await indexer().step();
    expect(await db.chainLog.count()).toBe(logsBefore + 2);
    expect(await db.enrollment.count({ where: { courseId: courseA, status: "ACTIVE", source: "CRYPTO" } })).toBe(3);
    expect(await db.purchase.count({ where: { courseChainId: courseIdToBytes32(courseA) } })).toBe(4);
  });

  it("two indexers at once never apply a log twice", async () => {
    await act.buy(courseB, users.carol!.address, PRICE);
    await act.buy(courseB, users.dave!.address, PRICE);
    const logsBefore = await db.chainLog.count();
    const results = await Promise.all([indexer().step(), indexer().step(), indexer({ batchBlocks: 1 }).step()]);
    expect(results.reduce((n, r) => n + r.logs, 0)).toBe(2);
    expect(await db.chainLog.count()).toBe(logsBefore + 2);
    const rows = await db.$queryRaw<{ n: bigint }[]>`
      SELECT count(*) AS n FROM (SELECT 1 FROM "ChainLog" GROUP BY "chainId", "txHash", "logIndex" HAVING count(*) > 1) d`;
    expect(rows[0]?.n).toBe(0n);
    expect((await enrollment("dave", courseB))?.status).toBe("ACTIVE");
  });

  it("rolls back a purchase orphaned by a reorg and resumes from the common ancestor", async () => {
    const snap = await chain.snapshot();
    const { hash } = await act.buy(courseA, users.dave!.address, PRICE);
    await indexer().step();
    expect((await enrollment("dave", courseA))?.status).toBe("ACTIVE");
    await chain.revert(snap);
    await chain.mine(3);
    const r = await indexer().step();
    expect(r.rolledBack).toBeGreaterThan(0n);
    expect(await enrollment("dave", courseA)).toMatchObject({ status: "REVOKED" });
    expect(await db.chainLog.count({ where: { txHash: hash } })).toBe(0);
    expect(await db.purchase.count({ where: { txHash: hash } })).toBe(0);
    // Other purchases are untouched, and a new purchase on the new branch is indexed normally.
    expect((await enrollment("dave", courseB))?.status).toBe("ACTIVE");
    await act.buy(courseA, users.dave!.address, PRICE);
    await indexer().step();
    expect(await enrollment("dave", courseA)).toMatchObject({ status: "ACTIVE", source: "CRYPTO" });
  });

  it("rebuilds the same index from scratch (the database is only an index of the chain)", async () => {
    const snapshotOf = async () => ({
      purchases: await db.purchase.findMany({
        orderBy: { purchaseId: "asc" },
        select: { purchaseId: true, status: true, learner: true },
      }),
      enrollments: await db.enrollment.findMany({
        orderBy: [{ userId: "asc" }, { courseId: "asc" }],
        select: { userId: true, courseId: true, status: true, source: true, sourceRef: true },
      }),
      logs: await db.chainLog.count(),
    });
    const before = await snapshotOf();
    await db.$transaction([db.chainLog.deleteMany(), db.purchase.deleteMany(), db.chainCursor.deleteMany()]);
    await indexer({ batchBlocks: 7 }).step();
    expect(await snapshotOf()).toEqual(before);
  });
});
