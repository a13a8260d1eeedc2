/**
 * Indexer latency and replay throughput on the local chain. Starts a fresh Hardhat node (test/chain.ts)
 * and PostgreSQL (BENCH_DATABASE_URL = a server admin URL; a scratch database is created and dropped; or
 * an embedded server in .data/bench-indexer-postgres), lists a course, and runs the indexer loop
 * in-process with the worker's defaults (INDEXER_POLL_INTERVAL_MS, 0 confirmations on Hardhat).
 *
 * 1. Latency: N native purchases one after another (a funded buyer gifts the course to N learners with
 *    linked wallets); for each, time from its block becoming final (receipt received) to the enrollment
 *    being visible through the service behind `GET /api/enrollments/status` (polled every 5 ms).
 * 2. Replay corpus: M more native gift purchases (learners with linked wallets), M/4 card sales recorded
 *    for wallet-less users (registered placeholder addresses), and — after the refund window — the
 *    release of half of the native purchases with `releaseMany` (100 per transaction); mined
 *    `PER_BLOCK` transactions per block (automine off), then indexed once.
 * 3. Replay: delete the index (ChainLog, Purchase, cursor) and replay every log from the deployment
 *    block in INDEXER_BATCH_BLOCKS ranges (enrollments stay: a rebuild must re-derive them unchanged,
 *    which the script checks); logs, seconds, logs/s. Beside it, the floor the node sets: the same
 *    eth_getLogs ranges read alone (no decoding, no writes).
 * 4. Cold indexing: the same, but the indexer-derived (CRYPTO/CARD) enrollments are deleted too, so
 *    every enrollment is created again (the cost of indexing a backlog for the first time).
 * Prints figures only (goal: replay >= 2,000 logs/s). Run: `pnpm run bench:indexer [N=100] [M=4000]`.
 */
import { randomBytes } from "node:crypto";
import { rm } from "node:fs/promises";
import path from "node:path";
import pg from "pg";
import {
  createTestClient,
  createWalletClient,
  encodeFunctionData,
  getAddress,
  http,
  keccak256,
  publicActions,
  toHex,
  walletActions,
  zeroAddress,
  type Address,
  type Hex,
} from "viem";
import { hardhat } from "viem/chains";
import { courseIdToBytes32 } from "@smolitux/contracts/courseId";
import { createPrismaClient, type PrismaClient } from "@smolitux/db";
import { deploy } from "@smolitux/db/migrate";
import { startEmbeddedPostgres, type EmbeddedPg } from "../scripts/stack/postgres.ts";
import { enrollmentStatusBySlug } from "../src/features/enrollment/queries.ts";
import { placeholderAddress } from "../src/features/enrollment/learner-address.ts";
import { chainActions, devAccount } from "../src/features/indexer/chain-fixtures.ts";
import { createIndexer, type Indexer } from "../src/features/indexer/indexer.ts";
import { parseEnv } from "../src/server/env.ts";
import { startTestChain } from "../test/chain.ts";

const N = Number(process.argv[2] ?? 100);
const M = Number(process.argv[3] ?? 4_000);
const PER_BLOCK = 10;
const env = parseEnv({ ...process.env, DATABASE_URL: "postgres://unused", CHAIN_ID: "31337" });
const PRICE = 10n ** 15n;
const REFUND_WINDOW = 86_400;

async function admin(url: string, sql: string): Promise<void> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  await c.query(sql).finally(() => c.end());
}

const pct = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;

const randomAddress = (): Address => getAddress(toHex(randomBytes(20)));

/** Users with one linked wallet each (bulk inserts). */
async function walletUsers(db: PrismaClient, count: number): Promise<Address[]> {
  const users = await db.user.createManyAndReturn({
    data: Array.from({ length: count }, () => ({})),
    select: { id: true },
  });
  const addresses = users.map(() => randomAddress());
  await db.wallet.createMany({ data: users.map((u, i) => ({ userId: u.id, address: addresses[i]! })) });
  return addresses;
}

/** Wallet-less users with registered placeholder addresses (what the card checkout records). */
async function placeholderUsers(db: PrismaClient, count: number): Promise<Address[]> {
  const users = await db.user.createManyAndReturn({
    data: Array.from({ length: count }, () => ({})),
    select: { id: true },
  });
  const addresses = users.map((u) => placeholderAddress(u.id));
  await db.learnerAddress.createMany({ data: users.map((u, i) => ({ userId: u.id, address: addresses[i]! })) });
  return addresses;
}

/** Sends `calls` with automine off, `PER_BLOCK` per block, and mines them; throws when one reverted. */
async function sendMined(calls: { from: Address; data: Hex; value?: bigint }[]): Promise<void> {
  const to = chain.contracts.CourseMarketplace.address;
  await client.setAutomine(false);
  try {
    for (let i = 0; i < calls.length; i += PER_BLOCK) {
      const hashes: Hex[] = [];
      for (const c of calls.slice(i, i + PER_BLOCK)) {
        hashes.push(
          await wallet.request({
            method: "eth_sendTransaction",
            params: [{ from: c.from, to, data: c.data, value: toHex(c.value ?? 0n), gas: toHex(2_000_000n) }],
          }),
        );
      }
      await client.mine({ blocks: 1 });
      const last = await client.getTransactionReceipt({ hash: hashes.at(-1)! });
      if (last.status !== "success") throw new Error("a corpus transaction reverted");
    }
  } finally {
    await client.setAutomine(true);
  }
}

/** Replays the chain from the deployment block until the indexer is caught up; logs and seconds. */
async function replay(indexer: Indexer): Promise<{ logs: number; seconds: number }> {
  const t = performance.now();
  let logs = 0;
  for (;;) {
    const r = await indexer.step({ maxBatches: 1_000 });
    logs += r.logs;
    if (r.batches === 0) break;
  }
  return { logs, seconds: (performance.now() - t) / 1000 };
}

/** Reads every log of both contracts in INDEXER_BATCH_BLOCKS ranges up to `head`, one range after another. */
async function getLogsFloor(head: bigint): Promise<{ logs: number; seconds: number }> {
  const c = chain.contracts;
  const from0 = BigInt(Math.max(0, Math.min(c.CourseMarketplace.deployBlock, c.CourseCertificate.deployBlock)));
  const t = performance.now();
  let logs = 0;
  for (let from = from0; from <= head; from += BigInt(env.INDEXER_BATCH_BLOCKS)) {
    const to = from + BigInt(env.INDEXER_BATCH_BLOCKS) - 1n;
    const all = await client.getLogs({
      address: [c.CourseMarketplace.address, c.CourseCertificate.address],
      fromBlock: from,
      toBlock: to < head ? to : head,
    });
    logs += all.length;
  }
  return { logs, seconds: (performance.now() - t) / 1000 };
}

const snapshot = async (db: PrismaClient) =>
  JSON.stringify({
    purchases: await db.purchase.findMany({
      orderBy: { purchaseId: "asc" },
      select: { purchaseId: true, status: true, learner: true, payee: true, createdAt: true, refundDeadline: true },
    }),
    enrollments: await db.enrollment.findMany({
      orderBy: [{ userId: "asc" }, { courseId: "asc" }],
      select: { userId: true, courseId: true, status: true, source: true, sourceRef: true },
    }),
  });

const chain = await startTestChain();
// the worker's transport retries (server/chain.ts): an idle keep-alive socket the node closed is retried
const transport = http(chain.rpcUrl, { retryCount: 3, retryDelay: 50 });
const client = createTestClient({ mode: "hardhat", chain: hardhat, transport })
  .extend(publicActions)
  .extend(walletActions);
const wallet = createWalletClient({ chain: hardhat, transport });
let embedded: EmbeddedPg | undefined;
let tmp: string | undefined;
let adminUrl = process.env.BENCH_DATABASE_URL;
if (!adminUrl) {
  tmp = path.resolve(import.meta.dirname, "../../.data/bench-indexer-postgres");
  embedded = await startEmbeddedPostgres(tmp);
  adminUrl = embedded.url("postgres");
}
const dbName = `indexer_bench_${process.pid}`;
await admin(adminUrl, `CREATE DATABASE "${dbName}"`);
const u = new URL(adminUrl);
u.pathname = `/${dbName}`;
await deploy(u.toString());
const db = createPrismaClient(u.toString(), { max: 5 });
let stopLoop = false;
try {
  const provider = await db.user.create({ data: { roles: ["LEARNER", "PROVIDER"] } });
  const course = await db.course.create({
    data: { slug: "bench", title: "Bench", providerId: provider.id, status: "PUBLISHED" },
  });
  const onchainId = courseIdToBytes32(course.id);
  await db.course.update({ where: { id: course.id }, data: { onchainCourseId: onchainId } });
  const learners: { id: string; address: `0x${string}` }[] = [];
  for (let i = 0; i < N; i++) {
    const address = randomAddress();
    const user = await db.user.create({ data: { wallets: { create: { address } } }, select: { id: true } });
    learners.push({ id: user.id, address });
  }
  const act = chainActions(client, chain.contracts);
  await act.list(course.id, PRICE, REFUND_WINDOW);
  const buyer = devAccount(5);
  const mkt = chain.contracts.CourseMarketplace;
  const purchaseData = (learner: Address) =>
    encodeFunctionData({
      abi: mkt.abi,
      functionName: "purchase",
      args: [onchainId, learner, zeroAddress, PRICE, REFUND_WINDOW],
    });
  const buyFor = async (learner: `0x${string}`) => {
    const hash = await client.writeContract({
      address: mkt.address,
      abi: mkt.abi,
      functionName: "purchase",
      args: [onchainId, learner, zeroAddress, PRICE, REFUND_WINDOW],
      account: buyer,
      chain: hardhat,
      value: PRICE,
    });
    await client.waitForTransactionReceipt({ hash, pollingInterval: 5 });
  };

  const indexer = createIndexer({
    db,
    client,
    contracts: chain.contracts,
    finality: { kind: "confirmations", blocks: env.INDEXER_CONFIRMATIONS ?? 0 },
    batchBlocks: env.INDEXER_BATCH_BLOCKS,
  });
  await indexer.step();
  const loop = (async () => {
    while (!stopLoop) {
      await indexer.step();
      await new Promise((r) => setTimeout(r, env.INDEXER_POLL_INTERVAL_MS));
    }
  })();

  const latencies: number[] = [];
  for (const l of learners) {
    await buyFor(l.address);
    const t0 = performance.now();
    while (!(await enrollmentStatusBySlug(db, l.id, "bench")).enrolled) await new Promise((r) => setTimeout(r, 5));
    latencies.push(performance.now() - t0);
  }
  stopLoop = true;
  await loop;
  latencies.sort((a, b) => a - b);
  console.log(
    `indexer latency, ${N} native purchases (poll ${env.INDEXER_POLL_INTERVAL_MS} ms, 0 confirmations on Hardhat)`,
  );
  console.log(
    `  final block -> enrollment visible: p50 ${pct(latencies, 50).toFixed(0)} ms, p95 ${pct(latencies, 95).toFixed(0)} ms, max ${latencies.at(-1)?.toFixed(0)} ms (goal p95 <= 1000 ms)`,
  );

  // The replay corpus: native gifts, card sales for placeholder addresses, batch releases.
  const t0 = performance.now();
  const giftees = await walletUsers(db, M);
  const cardLearners = await placeholderUsers(db, Math.floor(M / 4));
  await sendMined(giftees.map((l) => ({ from: buyer, data: purchaseData(l), value: PRICE })));
  await sendMined(
    cardLearners.map((l, i) => ({
      from: devAccount(2),
      data: encodeFunctionData({
        abi: mkt.abi,
        functionName: "recordCardPurchase",
        args: [onchainId, l, keccak256(toHex(`bench-card-${i}`)), REFUND_WINDOW],
      }),
    })),
  );
  await client.increaseTime({ seconds: REFUND_WINDOW + 1 });
  const released = giftees.slice(0, Math.floor(M / 2));
  const releases: { from: Address; data: Hex }[] = [];
  for (let i = 0; i < released.length; i += 100) {
    const part = released.slice(i, i + 100);
    releases.push({
      from: buyer,
      data: encodeFunctionData({
        abi: mkt.abi,
        functionName: "releaseMany",
        args: [part, part.map(() => onchainId)],
      }),
    });
  }
  await sendMined(releases);
  const corpusS = (performance.now() - t0) / 1000;
  const live = await replay(indexer);
  const logs = await db.chainLog.count();
  const head = await client.getBlockNumber();
  console.log(
    `replay corpus: ${logs} logs up to block ${head} (${M} native purchases, ${cardLearners.length} card sales, ${released.length} releases; built in ${corpusS.toFixed(0)} s, first indexed in ${live.seconds.toFixed(2)} s)`,
  );

  const before = await snapshot(db);
  await db.$transaction([db.chainLog.deleteMany(), db.purchase.deleteMany(), db.chainCursor.deleteMany()]);
  const warm = await replay(indexer);
  const same = (await snapshot(db)) === before;
  console.log(
    `replay from the deployment block: ${warm.logs} logs in ${warm.seconds.toFixed(2)} s = ${(warm.logs / warm.seconds).toFixed(0)} logs/s (batch ${env.INDEXER_BATCH_BLOCKS} blocks, goal >= 2,000 logs/s); rebuilt database identical: ${same ? "yes" : "NO"}`,
  );
  // The floor set by the node: the same getLogs ranges alone, without decoding or writing anything.
  const floor = await getLogsFloor(head);
  console.log(
    `  the node's eth_getLogs alone over the same ranges: ${floor.logs} logs in ${floor.seconds.toFixed(2)} s = ${(floor.logs / floor.seconds).toFixed(0)} logs/s (${((floor.seconds / warm.seconds) * 100).toFixed(0)} % of the replay's time)`,
  );

  await db.$transaction([
    db.chainLog.deleteMany(),
    db.purchase.deleteMany(),
    db.chainCursor.deleteMany(),
    db.enrollment.deleteMany({ where: { source: { in: ["CRYPTO", "CARD"] } } }),
  ]);
  const cold = await replay(indexer);
  const active = await db.enrollment.count({ where: { status: "ACTIVE" } });
  console.log(
    `cold indexing (enrollments created again): ${cold.logs} logs in ${cold.seconds.toFixed(2)} s = ${(cold.logs / cold.seconds).toFixed(0)} logs/s; active enrollments: ${active}; identical: ${(await snapshot(db)) === before ? "yes" : "NO"}`,
  );
} finally {
  stopLoop = true;
  await db.$disconnect();
  await admin(adminUrl, `DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`).catch(() => undefined);
  await embedded?.stop();
  if (tmp) await rm(tmp, { recursive: true, force: true });
  await chain.stop();
}
