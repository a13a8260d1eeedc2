/**
 * `pnpm --filter @smolitux/web bench:catalog` — load test of the public catalog against a real PostgreSQL
 * and the production Next.js build. Creates a scratch database on TEST_DATABASE_URL's server (default: the
 * machine's postgres://postgres@127.0.0.1:5432/postgres), migrates and seeds 1,000 courses, starts
 * `next start` on a free port (builds first when .next/BUILD_ID is missing or with `--build`), and runs
 * autocannon (50 connections, 10 s each) against the bare dynamic page (`/bench/bare`: the full layout,
 * rendered per request like every page before issue 14), the anonymous catalog page, the home page and a
 * course page (served from the anonymous page cache, server/page-cache.ts) and the search API.
 * Prints req/s and p50/p95/p99 latency (ms) with the targets beside them (issue 14 item 13: catalog
 * throughput >= 1.0x the bare dynamic page, p95 <= 100 ms); asserts nothing. Cleans up.
 */
import { randomBytes } from "node:crypto";
import * as Ed25519Multikey from "@digitalbazaar/ed25519-multikey";
import { existsSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import autocannon from "autocannon";
import pg from "pg";
import { z } from "zod";
import { createPrismaClient } from "@smolitux/db";
import { deploy } from "@smolitux/db/migrate";
import { freePort } from "../scripts/stack/ports.ts";
import { startChild, stopChild, waitFor, type Child } from "../scripts/stack/processes.ts";
import { seedBenchCatalog } from "./catalog-seed.ts";

const WEB_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const CONNECTIONS = 50;
const DURATION_S = Number(process.env.BENCH_DURATION ?? 10);
const TARGET_P95_MS = 100;
const TARGET_RATIO = 1.0;

const resultSchema = z.object({
  requests: z.object({ average: z.number(), total: z.number() }),
  non2xx: z.number(),
  errors: z.number(),
  timeouts: z.number(),
});

interface Figures {
  name: string;
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  non2xx: number;
  errors: number;
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
}

/** One autocannon run; latencies are collected per response for exact percentiles. */
function load(name: string, url: string, duration = DURATION_S): Promise<Figures> {
  return new Promise((resolve, reject) => {
    const latencies: number[] = [];
    // a browser's document request (the anonymous page cache serves documents only)
    const headers = { accept: "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8" };
    const instance = autocannon({ url, connections: CONNECTIONS, duration, timeout: 30, headers }, (err, raw) => {
      if (err) return reject(err);
      const r = resultSchema.parse(raw);
      latencies.sort((a, b) => a - b);
      resolve({
        name,
        rps: r.requests.total / duration,
        p50: percentile(latencies, 50),
        p95: percentile(latencies, 95),
        p99: percentile(latencies, 99),
        non2xx: r.non2xx,
        errors: r.errors + r.timeouts,
      });
    });
    instance.on("response", (_client, _status, _bytes, ms) => latencies.push(ms));
  });
}

async function admin(url: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

async function main(): Promise<void> {
  const adminUrl = process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
  const dbName = `smolitux_bench_${randomBytes(4).toString("hex")}`;
  const url = withDatabase(adminUrl, dbName);
  const next = path.join(WEB_DIR, "node_modules/.bin/next");
  let server: Child | undefined;
  await admin(adminUrl, `CREATE DATABASE "${dbName}"`);
  try {
    await deploy(url);
    const db = createPrismaClient(url, { max: 4 });
    const t0 = Date.now();
    const seeded = await seedBenchCatalog(db, 1000);
    await db.$disconnect();
    console.log(
      `seeded ${seeded.published} published courses, ${seeded.reviews} reviews in ${Date.now() - t0} ms (db ${dbName})`,
    );

    const env = {
      ...process.env,
      DATABASE_URL: url,
      NODE_ENV: "production" as const,
      NEXT_TELEMETRY_DISABLED: "1",
      NEXTAUTH_SECRET: process.env.NEXTAUTH_SECRET ?? randomBytes(32).toString("base64"),
      // production refuses to start without an issuer key; a throwaway one (never stored) serves the bench
      CREDENTIAL_ISSUER_KEY: process.env.CREDENTIAL_ISSUER_KEY ?? (await Ed25519Multikey.generate()).secretKeyMultibase,
    };
    if (process.argv.includes("--build") || !existsSync(path.join(WEB_DIR, ".next/BUILD_ID"))) {
      console.log("building (next build)…");
      const build = startChild("build", next, ["build"], { cwd: WEB_DIR, env });
      if ((await build.exited) !== 0) throw new Error("next build failed");
    }
    // BENCH_WEB_PORT: a fixed port (machines shared by several users hand out port ranges)
    const port = process.env.BENCH_WEB_PORT ? Number(process.env.BENCH_WEB_PORT) : await freePort();
    server = startChild("web", next, ["start", "--hostname", "127.0.0.1", "--port", String(port)], {
      cwd: WEB_DIR,
      env,
      show: (line) => /error|warn/i.test(line),
    });
    const base = `http://127.0.0.1:${port}`;
    await waitFor("next start", async () => (await fetch(`${base}/bench/bare`)).ok, 60_000);

    const catalogRes = await fetch(`${base}/courses`, { headers: { accept: "text/html" } });
    const catalogHtml = await catalogRes.text();
    const slug = /href="\/courses\/([a-z0-9-]+)"/.exec(catalogHtml)?.[1];
    if (!slug) throw new Error(`no course link on /courses (${catalogRes.status}): ${catalogHtml.slice(0, 300)}`);
    const targets = [
      { name: "bare dynamic page /bench/bare", url: `${base}/bench/bare` },
      { name: "catalog page /courses", url: `${base}/courses` },
      { name: "home page /", url: `${base}/` },
      { name: "course page /courses/<slug>", url: `${base}/courses/${slug}` },
      { name: "search API /api/courses?q=python", url: `${base}/api/courses?q=python` },
    ];
    for (const t of targets) {
      const res = await fetch(t.url);
      if (!res.ok) throw new Error(`${t.url} answered ${res.status}`);
      await load(`${t.name} (warm-up)`, t.url, 2);
    }
    const results: Figures[] = [];
    for (const t of targets) results.push(await load(t.name, t.url));

    const bare = results[0];
    const load1 = os.loadavg()[0] ?? 0;
    console.log(`\nautocannon ${CONNECTIONS} connections × ${DURATION_S} s, 1,000 courses, production build`);
    console.log(
      `machine: ${os.cpus().length} CPUs, load average (1 min) after the runs ${load1.toFixed(1)} — figures scale with free CPU`,
    );
    console.log(
      "target".padEnd(40),
      "req/s".padStart(8),
      "p50 ms".padStart(8),
      "p95 ms".padStart(8),
      "p99 ms".padStart(8),
      "non-2xx".padStart(8),
      "  p95 target",
    );
    for (const r of results) {
      const mark = r.p95 <= TARGET_P95_MS ? "met" : "MISSED";
      console.log(
        r.name.padEnd(40),
        r.rps.toFixed(0).padStart(8),
        r.p50.toFixed(0).padStart(8),
        r.p95.toFixed(0).padStart(8),
        r.p99.toFixed(0).padStart(8),
        String(r.non2xx + r.errors).padStart(8),
        `  <= ${TARGET_P95_MS} ms: ${mark}`,
      );
    }
    if (bare) {
      for (const r of results.slice(1)) {
        const ratio = r.rps / bare.rps;
        console.log(
          `ratio ${r.name} / bare: ${ratio.toFixed(2)} (target >= ${TARGET_RATIO}: ${ratio >= TARGET_RATIO ? "met" : "MISSED"})`,
        );
      }
    }
  } finally {
    if (server) await stopChild(server);
    await admin(adminUrl, `DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`);
  }
}

main().catch((err: unknown) => {
  console.error(`bench:catalog failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
  process.exit(1);
});
