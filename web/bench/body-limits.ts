/**
 * Benchmark (prints figures, asserts nothing): what a huge request body costs the web server. Starts the
 * production build (`next start`, needs `next build` first) on a free port against DATABASE_URL (any
 * migrated PostgreSQL), then sends 150 MB — as an attacker's client would: everything, even after the answer,
 * unless the server closes the connection — to a JSON route (declared `Content-Length`: refused before
 * reading; chunked: read as a stream and cancelled at the 1 MB limit) and to page paths (chunked, declared,
 * and chunked with a `Next-Action` header: refused from the headers by the next.config.ts rewrites) and
 * prints the status, when it came, and the server's RSS before/after and its peak during the request.
 *
 *   DATABASE_URL=postgres://… pnpm --filter @smolitux/web bench:body-limits [-- --mb 150]
 */
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import path from "node:path";
import { parseArgs } from "node:util";
import { freePort } from "../scripts/stack/ports.ts";
import { processMemory as memory, sendHugeBody } from "../test/http/huge-body.ts";

const { values } = parseArgs({
  args: process.argv.slice(2).filter((a) => a !== "--"),
  options: { mb: { type: "string", default: "150" } },
});
const TOTAL = Number(values.mb) * 1024 * 1024;
const WEB_DIR = path.resolve(import.meta.dirname, "..");
if (!process.env.DATABASE_URL) {
  console.error("Set DATABASE_URL (e.g. postgres://postgres@127.0.0.1:5432/postgres).");
  process.exit(2);
}

const port = await freePort();
const server = spawn(
  path.join(WEB_DIR, "node_modules/.bin/next"),
  ["start", "--hostname", "127.0.0.1", "--port", String(port)],
  {
    cwd: WEB_DIR,
    env: {
      ...process.env,
      NODE_ENV: "production",
      NEXT_TELEMETRY_DISABLED: "1",
      APP_URL: `http://localhost:${port}`,
      // A complete production configuration, so pages render (a page that fails on its env answers 500 early).
      NEXTAUTH_SECRET: process.env.NEXTAUTH_SECRET ?? randomBytes(32).toString("base64"),
      DEV_CHAIN_KEYS: process.env.DEV_CHAIN_KEYS ?? "true",
      CHAIN_ID: process.env.CHAIN_ID ?? "31337",
      RPC_URL: process.env.RPC_URL ?? "http://127.0.0.1:9",
    },
    stdio: ["ignore", "ignore", "inherit"],
  },
);
try {
  for (let i = 0; i < 600; i++) {
    const ok = await fetch(`http://127.0.0.1:${port}/api/certificates/verify`).then(
      () => true,
      () => false,
    );
    if (ok) break;
    await new Promise((r) => setTimeout(r, 250));
  }
  // Warm the route once (first request compiles/loads the handler).
  await fetch(`http://127.0.0.1:${port}/api/certificates/verify`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: "{}",
  });
  // … and the page (its first render loads the page's modules, which is not what is measured here).
  for (const p of ["/courses", "/", "/courses/x"])
    await fetch(`http://127.0.0.1:${port}${p}`).then((r) => r.arrayBuffer());
  const pid = server.pid!;
  console.log(`next start pid ${pid}, ${values.mb} MB per request`);
  // Each case as an attacker's client would send it: the whole body, even after the answer, unless the
  // server closes the connection. Peak = highest VmRSS sampled every 20 ms during the request.
  const cases: [string, string, { declared: boolean; headers?: Record<string, string> }][] = [
    ["JSON route, Content-Length declared", "/api/certificates/verify", { declared: true }],
    ["JSON route, chunked (no length)", "/api/certificates/verify", { declared: false }],
    ["page path, chunked (no length)", "/courses", { declared: false }],
    ["page path, Content-Length declared", "/", { declared: true }],
    ["page path, chunked, Next-Action header", "/courses/x", { declared: false, headers: { "next-action": "00" } }],
  ];
  for (const [label, urlPath, opts] of cases) {
    const before = memory(pid);
    let peak = before.rss;
    const sampler = setInterval(() => (peak = Math.max(peak, memory(pid).rss)), 20);
    const r = await sendHugeBody(port, urlPath, TOTAL, { ...opts, persistent: true });
    await new Promise((res) => setTimeout(res, 300));
    clearInterval(sampler);
    const after = memory(pid);
    peak = Math.max(peak, after.rss);
    const mb = (n: number) => (n / 1e6).toFixed(1);
    console.log(
      `${label.padEnd(40)} → ${r.status} after ${r.msToAnswer} ms (${(r.sentBytes / 1024 / 1024).toFixed(1)} MB sent ` +
        `in ${r.ms} ms); RSS ${mb(before.rss)} → ${mb(after.rss)} MB (Δ ${mb(after.rss - before.rss)} MB, ` +
        `peak during +${mb(peak - before.rss)} MB)`,
    );
  }
} finally {
  server.kill("SIGTERM");
}
