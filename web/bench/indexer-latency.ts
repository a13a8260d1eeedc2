/**
 * Indexer latency and throughput on the local chain. Starts a fresh Hardhat node (test/chain.ts) and
 * PostgreSQL (BENCH_DATABASE_URL = a server admin URL; a scratch database is created and dropped; or an
 * embedded server in .data/bench-indexer-postgres), lists a course, and runs the indexer loop in-process
 * with the worker's defaults (INDEXER_POLL_INTERVAL_MS, 0 confirmations on Hardhat).
 *
 * 1. Latency: N native purchases one after another (a funded buyer gifts the course to N learners with
 *    linked wallets); for each, time from its block becoming final (receipt received) to the enrollment
 *    being visible through the service behind `GET /api/enrollments/status` (polled every 5 ms).
 * 2. Throughput: delete the index (ChainLog, Purchase, cursor) and replay all logs from the deployment
 *    block in INDEXER_BATCH_BLOCKS ranges; logs/s.
 * Prints figures only. Run: `pnpm run bench:indexer [N=100]`.
 */
import { rm } from "node:fs/promises";
import path from "node:path";
import pg from "pg";
import { generatePrivateKey, privateKeyToAccount } from "viem/accounts";
import { courseIdToBytes32 } from "@smolitux/contracts/courseId";
import { createPrismaClient } from "@smolitux/db";
import { deploy } from "@smolitux/db/migrate";
import { startEmbeddedPostgres, type EmbeddedPg } from "../scripts/stack/postgres.ts";
import { enrollmentStatusBySlug } from "../src/features/enrollment/queries.ts";
import { chainActions, devAccount } from "../src/features/indexer/chain-fixtures.ts";
import { createIndexer } from "../src/features/indexer/indexer.ts";
import { parseEnv } from "../src/server/env.ts";
import { startTestChain } from "../test/chain.ts";

const N = Number(process.argv[2] ?? 100);
const env = parseEnv({ ...process.env, DATABASE_URL: "postgres://unused", CHAIN_ID: "31337" });
const PRICE = 10n ** 15n;

async function admin(url: string, sql: string): Promise<void> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  await c.query(sql).finally(() => c.end());
}

const pct = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;

const chain = await startTestChain();
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
  await db.course.update({ where: { id: course.id }, data: { onchainCourseId: courseIdToBytes32(course.id) } });
  const learners: { id: string; address: `0x${string}` }[] = [];
  for (let i = 0; i < N; i++) {
    const address = privateKeyToAccount(generatePrivateKey()).address;
    const user = await db.user.create({ data: { wallets: { create: { address } } }, select: { id: true } });
    learners.push({ id: user.id, address });
  }
  const act = chainActions(chain.client, chain.contracts);
  await act.list(course.id, PRICE);
  const buyer = devAccount(5);
  const buyFor = async (learner: `0x${string}`) => {
    const hash = await chain.client.writeContract({
      address: chain.contracts.CourseMarketplace.address,
      abi: chain.contracts.CourseMarketplace.abi,
      functionName: "purchase",
      args: [courseIdToBytes32(course.id), learner, "0x0000000000000000000000000000000000000000", PRICE, 0],
      account: buyer,
      chain: chain.client.chain,
      value: PRICE,
    });
    await chain.client.waitForTransactionReceipt({ hash, pollingInterval: 5 });
  };

  const indexer = createIndexer({
    db,
    client: chain.client,
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

  const logs = await db.chainLog.count();
  await db.$transaction([db.chainLog.deleteMany(), db.purchase.deleteMany(), db.chainCursor.deleteMany()]);
  const t1 = performance.now();
  let replayed = 0;
  for (;;) {
    const r = await indexer.step({ maxBatches: 1_000 });
    replayed += r.logs;
    if (r.batches === 0) break;
  }
  const replayS = (performance.now() - t1) / 1000;
  const active = await db.enrollment.count({ where: { status: "ACTIVE" } });

  console.log(
    `indexer latency, ${N} native purchases (poll ${env.INDEXER_POLL_INTERVAL_MS} ms, 0 confirmations on Hardhat)`,
  );
  console.log(
    `  final block -> enrollment visible: p50 ${pct(latencies, 50).toFixed(0)} ms, p95 ${pct(latencies, 95).toFixed(0)} ms, max ${latencies.at(-1)?.toFixed(0)} ms (goal p95 <= 1000 ms)`,
  );
  console.log(
    `replay from the deployment block: ${replayed} of ${logs} logs in ${replayS.toFixed(2)} s = ${(replayed / replayS).toFixed(0)} logs/s (batch ${env.INDEXER_BATCH_BLOCKS} blocks); active enrollments after replay: ${active}`,
  );
} finally {
  stopLoop = true;
  await db.$disconnect();
  await admin(adminUrl, `DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`).catch(() => undefined);
  await embedded?.stop();
  if (tmp) await rm(tmp, { recursive: true, force: true });
  await chain.stop();
}
