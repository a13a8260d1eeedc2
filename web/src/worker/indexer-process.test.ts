/**
 * The indexer inside the real worker process: kill -9 in the middle of indexing, then two workers at
 * once — every purchase ends up exactly once (one ChainLog row, one Purchase, one ACTIVE enrollment).
 */
import { spawn } from "node:child_process";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { courseIdToBytes32 } from "@smolitux/contracts/courseId";
import { startTestChain, type TestChain } from "../../test/chain.ts";
import { createTestDatabase, type TestDatabase } from "../../test/db.ts";
import { chainActions, devAccount } from "../features/indexer/chain-fixtures.ts";

const WEB = path.resolve(import.meta.dirname, "../..");
const PRICE = 10n ** 16n;
const BUYERS = 12;
let chain: TestChain;
let tdb: TestDatabase;

beforeAll(async () => {
  [chain, tdb] = await Promise.all([startTestChain(), createTestDatabase()]);
}, 90_000);
afterAll(async () => {
  await Promise.all([chain?.stop(), tdb?.drop()]);
});

function runWorker() {
  const child = spawn(process.execPath, ["--import", "tsx", "src/worker/main.ts"], {
    cwd: WEB,
    env: {
      PATH: process.env.PATH ?? "",
      NODE_ENV: "test",
      DATABASE_URL: tdb.url,
      RPC_URL: chain.rpcUrl,
      CHAIN_ID: "31337",
      DEV_CHAIN_KEYS: "true",
      OUTBOX_SIGNERS: "",
      INDEXER_BATCH_BLOCKS: "1",
      INDEXER_POLL_INTERVAL_MS: "50",
      LOG_LEVEL: "info",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  child.stdout.on("data", (c: Buffer) => (out += c.toString()));
  child.stderr.on("data", (c: Buffer) => (out += c.toString()));
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  return { child, exited, output: () => out };
}

/** Polls `check` every 20 ms; generous by default (a loaded 2-core CI machine starts two workers slowly). */
async function until(check: () => Promise<boolean>, ms = 90_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error("condition not reached in time");
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe("indexer in the worker process", () => {
  it("survives kill -9 mid-indexing and two concurrent workers without double-applying", async () => {
    const db = tdb.db;
    const provider = await db.user.create({ data: { roles: ["LEARNER", "PROVIDER"] } });
    const course = await db.course.create({
      data: { slug: "proc", title: "Proc", providerId: provider.id, status: "PUBLISHED" },
    });
    await db.course.update({ where: { id: course.id }, data: { onchainCourseId: courseIdToBytes32(course.id) } });
    const act = chainActions(chain.client, chain.contracts);
    await act.list(course.id, PRICE);
    const buyers = Array.from({ length: BUYERS }, (_, i) => devAccount(5 + i));
    for (const address of buyers) {
      await db.user.create({ data: { wallets: { create: { address } } } });
      await act.buy(course.id, address, PRICE);
    }

    const first = runWorker();
    await until(async () => (await db.chainLog.count({ where: { eventName: "PurchaseRecorded" } })) >= 3);
    first.child.kill("SIGKILL");
    await first.exited;
    const atKill = await db.chainLog.count({ where: { eventName: "PurchaseRecorded" } });
    expect(atKill).toBeLessThan(BUYERS); // killed mid-way (one block per batch)

    const a = runWorker();
    const b = runWorker();
    try {
      await until(
        async () => (await db.enrollment.count({ where: { courseId: course.id, status: "ACTIVE" } })) === BUYERS,
      );
      // both instances must have reached the indexer lock (under load the second may start after the first
      // has indexed everything), then give a racing second instance the chance to misbehave
      await until(async () => [a.output(), b.output()].every((o) => o.includes('"scope":"indexer","msg":')));
      await new Promise((r) => setTimeout(r, 300));
    } finally {
      a.child.kill("SIGTERM");
      b.child.kill("SIGTERM");
      await Promise.all([a.exited, b.exited]);
    }
    expect(await db.chainLog.count({ where: { eventName: "PurchaseRecorded" } })).toBe(BUYERS);
    expect(await db.purchase.count()).toBe(BUYERS);
    expect(await db.enrollment.count({ where: { courseId: course.id } })).toBe(BUYERS);
    const dup = await db.$queryRaw<{ n: bigint }[]>`
      SELECT count(*) AS n FROM (SELECT 1 FROM "ChainLog" GROUP BY "chainId", "txHash", "logIndex" HAVING count(*) > 1) d`;
    expect(dup[0]?.n).toBe(0n);
    // Exactly one of the two workers held the indexer lock; the other waited.
    const held = [a.output(), b.output()].map((o) => o.includes('"scope":"indexer","msg":"lock acquired'));
    expect(held.filter(Boolean)).toHaveLength(1);
    expect([a.output(), b.output()][held.indexOf(false)]).toContain('"scope":"indexer","msg":"waiting');
  }, 240_000);
});
