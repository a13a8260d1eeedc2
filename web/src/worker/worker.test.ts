/** Integration: worker loops under advisory locks, and the worker process (real PostgreSQL + Hardhat). */
import { spawn } from "node:child_process";
import path from "node:path";
import { zeroAddress } from "viem";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestChain, type TestChain } from "../../test/chain.ts";
import { createTestDatabase, type TestDatabase } from "../../test/db.ts";
import { parseEnv } from "../server/env.ts";
import { signerAddress } from "../server/keys.ts";
import { enqueue, listCourse } from "../server/outbox/index.ts";
import { createLogger } from "./log.ts";
import { startLoops, type WorkerLoop } from "./loops.ts";
import { outboxSenderLoops } from "./outbox-loops.ts";
import { createPublicClient, http } from "viem";
import { hardhat } from "viem/chains";

const WEB = path.resolve(import.meta.dirname, "../..");
let chain: TestChain;
let tdb: TestDatabase;

beforeAll(async () => {
  [chain, tdb] = await Promise.all([startTestChain(), createTestDatabase()]);
}, 90_000);
afterAll(async () => {
  await Promise.all([chain?.stop(), tdb?.drop()]);
});

const workerEnv = (extra: Record<string, string> = {}) => ({
  DATABASE_URL: tdb.url,
  RPC_URL: chain.rpcUrl,
  CHAIN_ID: "31337",
  DEV_CHAIN_KEYS: "true",
  OUTBOX_POLL_INTERVAL_MS: "100",
  LOG_LEVEL: "warn",
  ...extra,
});

async function until(check: () => Promise<boolean>, ms = 90_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error("condition not reached in time");
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function enqueueListings(prefix: string, n: number): Promise<void> {
  const env = parseEnv(workerEnv());
  for (let i = 0; i < n; i++) {
    const req = listCourse(chain.contracts, {
      courseDbId: `${prefix}-${i}`,
      provider: "0x15d34AAf54267DB7D7c367839AAf71A00a2C6A65",
      token: zeroAddress,
      price: 5n * 10n ** 17n,
      refundWindowSeconds: 3600,
      active: true,
    });
    await enqueue(tdb.db, { idempotencyKey: `${prefix}-${i}`, ...req }, (role) => signerAddress(role, env));
  }
}

describe("worker loops", () => {
  it("runs a signer's sender in only one of two competing workers, and fails over on stop", async () => {
    const env = parseEnv(workerEnv({ OUTBOX_SIGNERS: "catalog" }));
    const client = createPublicClient({ chain: hardhat, transport: http(chain.rpcUrl), cacheTime: 0 });
    const lines: string[] = [];
    const log = createLogger("info", "test", (l) => lines.push(l));
    const ticks = [0, 0];
    const worker = (i: 0 | 1) => {
      const loops: WorkerLoop[] = outboxSenderLoops({ env, db: tdb.db, client, log }).map((loop) => ({
        ...loop,
        tick: () => {
          ticks[i] = (ticks[i] ?? 0) + 1;
          return loop.tick();
        },
      }));
      return startLoops(loops, { databaseUrl: tdb.url, log, lockRetryMs: 100 });
    };
    const a = worker(0);
    const b = worker(1);
    await enqueueListings("lock", 6);
    await until(async () => (await tdb.db.outboxTx.count({ where: { status: "CONFIRMED" } })) === 6).catch(
      (e: unknown) => {
        console.log(lines.join("\n"));
        throw e;
      },
    );
    expect(a.holding().length + b.holding().length).toBe(1);
    const [holder, waiter, waiterIndex] = a.holding().length === 1 ? [a, b, 1] : [b, a, 0];
    expect(ticks[waiterIndex]).toBe(0);
    const rows = await tdb.db.outboxTx.findMany({ orderBy: { nonce: "asc" } });
    expect(rows.map((r) => [r.nonce, r.attempts])).toEqual([0, 1, 2, 3, 4, 5].map((n) => [n, 1]));
    expect(await chain.client.getTransactionCount({ address: rows[0]?.signer as `0x${string}` })).toBe(6);

    await holder.stop();
    await until(async () => waiter.holding().length === 1, 5_000);
    await enqueueListings("failover", 1);
    await until(async () => (await tdb.db.outboxTx.count({ where: { status: "CONFIRMED" } })) === 7);
    expect(ticks[waiterIndex]).toBeGreaterThan(0);
    await waiter.stop();
    expect(lines.some((l) => l.includes("lock released"))).toBe(true);
  });
});

function runWorker(env: Record<string, string>) {
  // `node --import tsx`, not the tsx CLI: the CLI relays SIGTERM to its child and SIGKILLs it (exit 143) when the
  // child does not acknowledge within 30 ms, which happens on a loaded machine.
  const child = spawn(process.execPath, ["--import", "tsx", "src/worker/main.ts"], {
    cwd: WEB,
    env: { PATH: process.env.PATH ?? "", NODE_ENV: "test" as const, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  child.stdout.on("data", (c: Buffer) => (out += c.toString()));
  child.stderr.on("data", (c: Buffer) => (out += c.toString()));
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  return { child, exited, output: () => out };
}

describe("worker process", () => {
  it("exits 1 naming a missing signer key", async () => {
    const w = runWorker(workerEnv({ DEV_CHAIN_KEYS: "false", CATALOG_PRIVATE_KEY: `0x${"11".repeat(32)}` }));
    expect(await w.exited).toBe(1);
    expect(w.output()).toMatch(/PAYMENT_ORACLE_PRIVATE_KEY, CERTIFICATE_MINTER_PRIVATE_KEY/);
    expect(w.output()).not.toContain("11".repeat(32));
  });

  it("sends enqueued transactions and stops cleanly on SIGTERM", async () => {
    const w = runWorker(workerEnv({ LOG_LEVEL: "info" }));
    await enqueueListings("proc", 2);
    await until(
      async () =>
        (await tdb.db.outboxTx.count({ where: { idempotencyKey: { startsWith: "proc-" }, status: "CONFIRMED" } })) ===
        2,
    );
    w.child.kill("SIGTERM");
    expect(await w.exited).toBe(0);
    const lines = w.output().split("\n");
    const started = lines.find((l) => l.includes('"msg":"worker started"'));
    const loops = (JSON.parse(started ?? "{}") as { loops?: string[] }).loops ?? [];
    expect(loops).toEqual(expect.arrayContaining(["indexer", "upload-sweep"]));
    const released = lines.filter((l) => l.includes('"msg":"lock released"'));
    expect(released).toHaveLength(loops.length); // every loop's lock, including the three outbox senders
  }, 180_000);
});
