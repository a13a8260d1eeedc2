/**
 * Certificate pipeline latency on the local chain: for N learners (each with a linked wallet) a course
 * completion is recorded (learning's `evaluateCompletion` with the certificates hook), then the worker
 * steps run back to back without poll pauses — certificates pass (SVG + metadata stored by CID, OB 3.0
 * credential signed), the certificate minter's outbox sender (send, mined, final at 0 confirmations on
 * Hardhat automine), the indexer (CertificateIssued → ISSUED). Prints completion→ISSUED latency p50/p95
 * (and per stage) and the mint's `gasUsed` from the receipts. Figures only, no assertions.
 *
 * Fresh Hardhat node (test/chain.ts); PostgreSQL from BENCH_DATABASE_URL (admin URL; a scratch database is
 * created and dropped) or an embedded server in .data/bench-certificate-postgres.
 * Run: `pnpm exec tsx bench/certificate-mint.ts [N=20]`.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { createPublicClient, http, type Abi, type Hex } from "viem";
import { privateKeyToAccount, generatePrivateKey } from "viem/accounts";
import { hardhat } from "viem/chains";
import { createPrismaClient } from "@smolitux/db";
import { deploy } from "@smolitux/db/migrate";
import { courseIdToBytes32 } from "@smolitux/contracts/courseId";
import { startEmbeddedPostgres, type EmbeddedPg } from "../scripts/stack/postgres.ts";
import { platformSigner } from "../src/server/keys.ts";
import { createOutboxSender } from "../src/server/outbox/index.ts";
import { createFsStorage } from "../src/server/storage/fs.ts";
import { createIndexer } from "../src/features/indexer/indexer.ts";
import { evaluateCompletion } from "../src/features/learning/completion.ts";
import { devIssuerSeed, issuerKeyFromSeed } from "../src/features/certificates/credential/keys.ts";
import { ISSUER_NAME } from "../src/features/certificates/deps.ts";
import { advanceCertificates, onCourseCompleted } from "../src/features/certificates/service.ts";
import { startTestChain } from "../test/chain.ts";

const N = Number(process.argv[2] ?? 20);
const DEV = { DEV_CHAIN_KEYS: true, CHAIN_ID: 31337 } as const;

async function admin(url: string, sql: string): Promise<void> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  await c.query(sql).finally(() => c.end());
}
const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? 0;
};

const chain = await startTestChain();
let embedded: EmbeddedPg | undefined;
let adminUrl = process.env.BENCH_DATABASE_URL;
if (!adminUrl) {
  embedded = await startEmbeddedPostgres(path.resolve(import.meta.dirname, "../../.data/bench-certificate-postgres"));
  adminUrl = embedded.url("postgres");
}
const dbName = `certificate_bench_${process.pid}`;
await admin(adminUrl, `CREATE DATABASE "${dbName}"`);
const u = new URL(adminUrl);
u.pathname = `/${dbName}`;
await deploy(u.toString());
const db = createPrismaClient(u.toString(), { max: 5 });
const dir = await mkdtemp(path.join(tmpdir(), "cert-bench-"));
try {
  const c = chain.contracts;
  const client = createPublicClient({ chain: hardhat, transport: http(chain.rpcUrl), cacheTime: 0 });
  const issuer = await issuerKeyFromSeed(devIssuerSeed());
  const deps = {
    db,
    storage: createFsStorage(dir),
    issuer: async () => issuer,
    contracts: c,
    client,
    signerOf: () => platformSigner("certificateMinter", DEV).address,
    appUrl: "http://localhost:3000",
    issuerName: ISSUER_NAME,
    now: () => new Date(),
  };
  const quiet = { info: () => undefined, warn: console.warn, error: console.error };
  const sender = createOutboxSender({
    db,
    client,
    signer: platformSigner("certificateMinter", DEV),
    chainId: 31337,
    finality: { kind: "confirmations", blocks: 0 },
    stuckAfterMs: 120_000,
    abis: [c.CourseMarketplace.abi, c.CourseCertificate.abi] as Abi[],
    log: quiet,
  });
  const indexer = createIndexer({
    db,
    client: chain.client,
    contracts: c,
    finality: { kind: "confirmations", blocks: 0 },
    batchBlocks: 1000,
  });

  const provider = await db.user.create({ data: { roles: ["LEARNER", "PROVIDER"] } });
  const course = await db.course.create({
    data: { slug: "bench", title: "Benchmark course", providerId: provider.id, status: "PUBLISHED" },
  });
  await db.course.update({ where: { id: course.id }, data: { onchainCourseId: courseIdToBytes32(course.id) } });
  const section = await db.section.create({ data: { courseId: course.id, title: "S", position: 0 } });
  const lesson = await db.lesson.create({ data: { sectionId: section.id, title: "L", kind: "TEXT", position: 0 } });

  const total: number[] = [];
  const stages = { issue: [] as number[], mint: [] as number[], index: [] as number[] };
  for (let i = 0; i < N; i++) {
    const address = privateKeyToAccount(generatePrivateKey()).address;
    const user = await db.user.create({
      data: { certificateNameConfirmedAt: new Date(), wallets: { create: { address } } },
    });
    await db.lessonProgress.create({ data: { userId: user.id, lessonId: lesson.id, completedAt: new Date() } });
    const t0 = performance.now();
    await db.$transaction((tx) => evaluateCompletion(tx, onCourseCompleted, user.id, course.id, new Date()));
    const s = await advanceCertificates(deps);
    if (s.minting !== 1) throw new Error(`expected one mint, got ${JSON.stringify(s)}`);
    const t1 = performance.now();
    for (let k = 0; (await db.outboxTx.count({ where: { status: { not: "CONFIRMED" } } })) > 0; k++) {
      if (k > 50) throw new Error("outbox made no progress");
      await sender.tick();
    }
    const t2 = performance.now();
    for (let k = 0; (await db.certificate.findFirstOrThrow({ where: { userId: user.id } })).status !== "ISSUED"; k++) {
      if (k > 50) throw new Error("indexer did not project the mint");
      await indexer.step();
    }
    const t3 = performance.now();
    total.push(t3 - t0);
    stages.issue.push(t1 - t0);
    stages.mint.push(t2 - t1);
    stages.index.push(t3 - t2);
  }

  const rows = await db.outboxTx.findMany({ where: { kind: "mintCertificate" }, select: { txHash: true } });
  const gas = await Promise.all(
    rows.map(async (r) => (await client.getTransactionReceipt({ hash: r.txHash as Hex })).gasUsed),
  );
  const gasN = gas.map(Number);
  const f = (xs: number[]) => `p50 ${pct(xs, 50).toFixed(0)} ms, p95 ${pct(xs, 95).toFixed(0)} ms`;
  console.log(`test chain: node ${chain.timings.nodeMs} ms, deploy ${chain.timings.deployMs} ms`);
  console.log(`certificates: ${N} completions, each completion → NFT minted, final (0 confirmations) and indexed`);
  console.log(`completion → ISSUED: ${f(total)}, max ${Math.max(...total).toFixed(0)} ms`);
  console.log(`  issue (artifacts + credential + enqueue): ${f(stages.issue)}`);
  console.log(`  outbox send → mined → final:              ${f(stages.mint)}`);
  console.log(`  indexer (CertificateIssued → ISSUED):      ${f(stages.index)}`);
  console.log(
    `mint gasUsed: min ${Math.min(...gasN)}, p50 ${pct(gasN, 50)}, max ${Math.max(...gasN)} (receipts of ${gas.length} mints)`,
  );
} finally {
  await db.$disconnect();
  await admin(adminUrl, `DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`).catch(() => undefined);
  await embedded?.stop();
  await chain.stop();
  await rm(dir, { recursive: true, force: true });
}
