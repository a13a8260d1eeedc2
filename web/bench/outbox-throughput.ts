/**
 * Outbox throughput on the local chain: enqueue N `listCourse` rows for the catalog key, run one
 * sender (no poll pause) until every row is CONFIRMED, and print txs/s and enqueue→CONFIRMED latency.
 * Uses a fresh Hardhat node (test/chain.ts) and PostgreSQL: BENCH_DATABASE_URL (a server admin URL;
 * a scratch database is created and dropped) or an embedded server in .data/bench-outbox-postgres.
 * Run: `pnpm exec tsx bench/outbox-throughput.ts [N=100]`.
 */
import { rm } from "node:fs/promises";
import path from "node:path";
import pg from "pg";
import { createPublicClient, http, zeroAddress, type Abi } from "viem";
import { hardhat } from "viem/chains";
import { createPrismaClient } from "@smolitux/db";
import { deploy } from "@smolitux/db/migrate";
import { startEmbeddedPostgres, type EmbeddedPg } from "../scripts/stack/postgres.ts";
import { platformSigner } from "../src/server/keys.ts";
import { createOutboxSender, enqueue, listCourse } from "../src/server/outbox/index.ts";
import { startTestChain } from "../test/chain.ts";

const N = Number(process.argv[2] ?? 100);
const DEV = { DEV_CHAIN_KEYS: true, CHAIN_ID: 31337 } as const;

async function admin(url: string, sql: string): Promise<void> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  await c.query(sql).finally(() => c.end());
}

const chain = await startTestChain();
let embedded: EmbeddedPg | undefined;
let tmp: string | undefined;
let adminUrl = process.env.BENCH_DATABASE_URL;
if (!adminUrl) {
  // Under the repo's git-ignored .data (a root-owned mkdtemp folder is not readable by the postgres user).
  tmp = path.resolve(import.meta.dirname, "../../.data/bench-outbox-postgres");
  embedded = await startEmbeddedPostgres(tmp);
  adminUrl = embedded.url("postgres");
}
const dbName = `outbox_bench_${process.pid}`;
await admin(adminUrl, `CREATE DATABASE "${dbName}"`);
const u = new URL(adminUrl);
u.pathname = `/${dbName}`;
await deploy(u.toString());
const db = createPrismaClient(u.toString(), { max: 5 });
try {
  const c = chain.contracts;
  const sender = createOutboxSender({
    db,
    client: createPublicClient({ chain: hardhat, transport: http(chain.rpcUrl), cacheTime: 0 }),
    signer: platformSigner("catalog", DEV),
    chainId: 31337,
    finality: { kind: "confirmations", blocks: 0 },
    stuckAfterMs: 120_000,
    abis: [c.CourseMarketplace.abi, c.CourseCertificate.abi] as Abi[],
    log: { info: () => undefined, warn: console.warn, error: console.error },
  });
  const catalog = platformSigner("catalog", DEV).address;
  const t0 = performance.now();
  for (let i = 0; i < N; i++) {
    const req = listCourse(c, {
      courseDbId: `bench-${i}`,
      provider: "0x15d34AAf54267DB7D7c367839AAf71A00a2C6A65",
      token: zeroAddress,
      price: 10n ** 18n,
      refundWindowSeconds: 3600,
      active: true,
    });
    await enqueue(db, { idempotencyKey: `bench-${i}`, ...req }, () => catalog);
  }
  const tEnqueued = performance.now();
  let ticks = 0;
  while ((await db.outboxTx.count({ where: { status: "CONFIRMED" } })) < N) {
    await sender.tick();
    if (++ticks > N * 4) throw new Error("sender made no progress");
  }
  const tDone = performance.now();
  const rows = await db.outboxTx.findMany({ select: { createdAt: true, updatedAt: true } });
  const lat = rows.map((r) => r.updatedAt.getTime() - r.createdAt.getTime()).sort((a, b) => a - b);
  const pct = (p: number) => lat[Math.min(lat.length - 1, Math.floor((p / 100) * lat.length))] ?? 0;
  console.log(`test chain: node ${chain.timings.nodeMs} ms, deploy ${chain.timings.deployMs} ms`);
  console.log(`enqueue: ${N} rows in ${(tEnqueued - t0).toFixed(0)} ms`);
  console.log(
    `sender: ${N} txs CONFIRMED in ${(tDone - tEnqueued).toFixed(0)} ms over ${ticks} ticks → ` +
      `${((N * 1000) / (tDone - tEnqueued)).toFixed(1)} txs/s sender, ${((N * 1000) / (tDone - t0)).toFixed(1)} txs/s ` +
      "enqueue→CONFIRMED (max 16 in flight, automine)",
  );
  const t1 = performance.now();
  const one = listCourse(c, {
    courseDbId: "bench-single",
    provider: "0x15d34AAf54267DB7D7c367839AAf71A00a2C6A65",
    token: zeroAddress,
    price: 1n,
    refundWindowSeconds: 0,
    active: true,
  });
  await enqueue(db, { idempotencyKey: "bench-single", ...one }, () => catalog);
  await sender.tick(); // sign + broadcast (mined at once by automine)
  await sender.tick(); // receipt → CONFIRMED
  console.log(`single tx enqueue→CONFIRMED (two back-to-back ticks): ${(performance.now() - t1).toFixed(0)} ms`);
  console.log(`latency enqueue→CONFIRMED: p50 ${pct(50)} ms, p95 ${pct(95)} ms, max ${pct(100)} ms`);
} finally {
  await db.$disconnect();
  await admin(adminUrl, `DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`);
  await embedded?.stop();
  if (tmp) await rm(tmp, { recursive: true, force: true });
  await chain.stop();
}
