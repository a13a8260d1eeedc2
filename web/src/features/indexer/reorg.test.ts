/**
 * Reorg integration test (issue 10 §5): a real Hardhat node and real PostgreSQL. Branch A (purchases, a
 * card sale and a certificate spread over several blocks) is indexed in small batches; then the chain
 * reverts to a snapshot and mines a DIFFERENT, longer branch B. The reorg crosses batch boundaries,
 * and one reorg happens while a batch is being read (the continuity check: parent hash of the batch's
 * first block ≠ cursor hash). Afterwards no purchase, enrollment or certificate of branch A survives,
 * branch B is indexed, and the result equals a fresh rebuild.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { keccak256, toHex, type Address } from "viem";
import type { PrismaClient } from "@smolitux/db";
import { courseIdToBytes32 } from "@smolitux/contracts/courseId";
import { startTestChain, type TestChain } from "../../../test/chain.ts";
import { createTestDatabase, type TestDatabase } from "../../../test/db.ts";
import { registerPlaceholderAddress } from "../enrollment/learner-address.ts";
import { chainActions, devAccount } from "./chain-fixtures.ts";
import { createIndexer, type IndexerClient } from "./indexer.ts";

let chain: TestChain;
let t: TestDatabase;
let db: PrismaClient;
let act: ReturnType<typeof chainActions>;
let course: string;
const PRICE = 10n ** 16n;
const users: Record<string, { id: string; address: Address }> = {};

const indexer = (client: IndexerClient = chain.client) =>
  createIndexer({
    db,
    client,
    contracts: chain.contracts,
    finality: { kind: "confirmations", blocks: 0 },
    batchBlocks: 2, // small batches: the reorg spans several of them
  });

async function indexAll(client?: IndexerClient): Promise<bigint> {
  let rolledBack = 0n;
  for (let i = 0; i < 50; i++) {
    const r = await indexer(client).step({ maxBatches: 3 });
    rolledBack += r.rolledBack;
    if (r.batches === 0 && r.rolledBack === 0n) break;
  }
  return rolledBack;
}

/** Every projected row refers to a transaction that is on the canonical chain. */
async function expectNoOrphans(): Promise<void> {
  for (const p of await db.purchase.findMany({ select: { txHash: true } })) {
    const receipt = await chain.client.getTransactionReceipt({ hash: p.txHash as `0x${string}` }).catch(() => null);
    expect(receipt, `purchase tx ${p.txHash} is on the chain`).not.toBeNull();
  }
  for (const l of await db.chainLog.findMany({ select: { blockNumber: true, blockHash: true } })) {
    const b = await chain.client.getBlock({ blockNumber: l.blockNumber });
    expect(b.hash).toBe(l.blockHash);
  }
}

async function state() {
  const [purchases, enrollments, certificates] = await Promise.all([
    db.purchase.findMany({
      orderBy: { purchaseId: "asc" },
      select: { purchaseId: true, learner: true, status: true, txHash: true, payee: true, createdAt: true },
    }),
    db.enrollment.findMany({
      orderBy: [{ userId: "asc" }],
      select: { userId: true, courseId: true, status: true, sourceRef: true },
    }),
    db.certificate.findMany({
      orderBy: { userId: "asc" },
      select: { userId: true, status: true, tokenId: true, revokedAt: true },
    }),
  ]);
  return {
    purchases: purchases.map((p) => ({ ...p, purchaseId: p.purchaseId.toFixed(0) })),
    enrollments,
    certificates: certificates.map((c) => ({ ...c, tokenId: c.tokenId?.toFixed(0) ?? null })),
  };
}

beforeAll(async () => {
  [chain, t] = await Promise.all([startTestChain(), createTestDatabase()]);
  db = t.db;
  act = chainActions(chain.client, chain.contracts);
  const provider = await db.user.create({ data: { roles: ["LEARNER", "PROVIDER"] }, select: { id: true } });
  const c = await db.course.create({
    data: { slug: "reorg", title: "Reorg", providerId: provider.id, status: "PUBLISHED" },
    select: { id: true },
  });
  course = c.id;
  await db.course.update({ where: { id: course }, data: { onchainCourseId: courseIdToBytes32(course) } });
  for (const [name, index] of [
    ["alice", 7],
    ["bob", 8],
    ["carol", 9],
  ] as const) {
    const address = devAccount(index);
    const u = await db.user.create({ data: { name, wallets: { create: { address } } }, select: { id: true } });
    users[name] = { id: u.id, address };
  }
  const erin = await db.user.create({ data: { name: "erin" }, select: { id: true } });
  users.erin = { id: erin.id, address: await registerPlaceholderAddress(db, erin.id) };
  await act.list(course, PRICE);
  await indexAll();
}, 120_000);

afterAll(async () => {
  await Promise.all([chain?.stop(), t?.drop()]);
});

describe("indexer reorgs", () => {
  it("leaves no orphaned purchase, enrollment or certificate after a reorg across batch boundaries", async () => {
    const snap = await chain.snapshot();
    // Branch A: four blocks with projected logs, indexed in batches of two blocks.
    await act.buy(course, users.alice!.address, PRICE);
    await act.recordCard(course, users.erin!.address, keccak256(toHex("pi_reorg_A")));
    await db.certificate.create({ data: { userId: users.bob!.id, courseId: course, status: "MINTING" } });
    await act.buy(course, users.bob!.address, PRICE);
    await act.mint(course, users.bob!.address);
    await indexAll();
    const enrolled = await db.enrollment.count({ where: { courseId: course, status: "ACTIVE" } });
    expect(enrolled).toBe(3);
    expect(await db.certificate.findFirst({ where: { userId: users.bob!.id } })).toMatchObject({ status: "ISSUED" });

    // Branch B: revert and mine different, longer history (carol buys instead).
    await chain.revert(snap);
    await chain.mine(2);
    await act.buy(course, users.carol!.address, PRICE);
    await chain.mine(4);
    const rolledBack = await indexAll();
    expect(rolledBack).toBeGreaterThan(0n);

    await expectNoOrphans();
    const active = await db.enrollment.findMany({
      where: { courseId: course, status: "ACTIVE" },
      select: { userId: true },
    });
    expect(active.map((e) => e.userId)).toEqual([users.carol!.id]);
    for (const name of ["alice", "bob", "erin"]) {
      const e = await db.enrollment.findUnique({
        where: { userId_courseId: { userId: users[name]!.id, courseId: course } },
      });
      expect(e?.status ?? "REVOKED").toBe("REVOKED");
    }
    expect(await db.certificate.findFirst({ where: { userId: users.bob!.id } })).toMatchObject({
      status: "MINTING",
      tokenId: null,
    });
    expect(await db.purchase.count({ where: { card: true } })).toBe(0);
  });

  it("detects a reorg between the cursor check and the batch (parent hash ≠ cursor hash) and re-reads", async () => {
    const snap = await chain.snapshot();
    await act.buy(course, users.alice!.address, PRICE);
    await indexAll();
    // Reorg while the next step runs: the step-start check still sees the old cursor block, then the
    // chain changes before the batch's first header is read.
    let armed = true;
    const racing: IndexerClient = {
      getBlockNumber: (...a) => chain.client.getBlockNumber(...a),
      getLogs: ((...a: Parameters<typeof chain.client.getLogs>) =>
        chain.client.getLogs(...a)) as IndexerClient["getLogs"],
      getBlock: (async (args: Parameters<typeof chain.client.getBlock>[0]) => {
        const block = await chain.client.getBlock(args);
        if (armed) {
          armed = false;
          await chain.revert(snap);
          await chain.mine(1);
          await act.buy(course, users.bob!.address, PRICE);
          await chain.mine(3);
        }
        return block;
      }) as IndexerClient["getBlock"],
    };
    const r = await indexer(racing).step({ maxBatches: 10 });
    expect(r.rolledBack).toBeGreaterThan(0n);
    await indexAll();
    await expectNoOrphans();
    const aliceLast = await db.purchase.findFirst({
      where: { learner: users.alice!.address },
      orderBy: { purchaseId: "desc" },
    });
    expect(aliceLast).toBeNull();
    expect(
      (await db.enrollment.findUnique({ where: { userId_courseId: { userId: users.bob!.id, courseId: course } } }))
        ?.status,
    ).toBe("ACTIVE");
  });

  it("a rebuild from the deployment block reproduces the same rows (block time, not the wall clock)", async () => {
    const before = await state();
    await db.$transaction([db.chainLog.deleteMany(), db.purchase.deleteMany(), db.chainCursor.deleteMany()]);
    await indexAll();
    expect(await state()).toEqual(before);
    expect(before.purchases.every((p) => p.payee !== null)).toBe(true);
  });
});
