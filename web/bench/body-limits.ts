/**
 * Benchmark (prints figures, asserts nothing): what a huge request body costs the web server. Starts the
 * production build (`next start`, needs `next build` first) on a free port against DATABASE_URL (any
 * PostgreSQL; the probed route reads the body before touching the database), then sends 150 MB to a JSON
 * route twice — with a declared `Content-Length` (refused before reading) and chunked without one (read as
 * a stream and cancelled at the 1 MB limit) — and prints status, time and the server's RSS / peak RSS
 * (VmRSS / VmHWM from /proc) before and after, plus a 150 MB POST to a page path.
 *
 *   DATABASE_URL=postgres://… pnpm --filter @smolitux/web bench:body-limits [-- --mb 150]
 */
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { request } from "node:http";
import path from "node:path";
import { parseArgs } from "node:util";
import { freePort } from "../scripts/stack/ports.ts";

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

function memory(pid: number): { rss: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const kb = (key: string) => Number(new RegExp(`${key}:\\s+(\\d+) kB`).exec(status)?.[1] ?? 0) * 1024;
  return { rss: kb("VmRSS"), peak: kb("VmHWM") };
}

/** Sends `TOTAL` bytes in 64 KB chunks; resolves with the status once the server answers (or closes). */
function send(
  port: number,
  urlPath: string,
  declared: boolean,
): Promise<{ status: number; sentBytes: number; ms: number }> {
  return new Promise((resolve) => {
    const t0 = performance.now();
    let sent = 0;
    let status = 0;
    const chunk = Buffer.alloc(64 * 1024, 0x20);
    const req = request({
      host: "127.0.0.1",
      port,
      path: urlPath,
      method: "POST",
      headers: { "content-type": "application/json", ...(declared ? { "content-length": String(TOTAL) } : {}) },
    });
    const finish = () => resolve({ status, sentBytes: sent, ms: Math.round(performance.now() - t0) });
    req.on("response", (res) => {
      status = res.statusCode ?? 0;
      res.resume();
      res.on("end", () => {
        req.destroy();
        finish();
      });
    });
    req.on("error", () => finish());
    const pump = () => {
      while (sent < TOTAL && status === 0) {
        sent += chunk.length;
        if (!req.write(chunk)) return void req.once("drain", pump);
      }
      if (status === 0) req.end();
    };
    pump();
  });
}

const port = await freePort();
const server = spawn(
  path.join(WEB_DIR, "node_modules/.bin/next"),
  ["start", "--hostname", "127.0.0.1", "--port", String(port)],
  {
    cwd: WEB_DIR,
    env: { ...process.env, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1", APP_URL: `http://localhost:${port}` },
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
  const pid = server.pid!;
  console.log(`next start pid ${pid}, ${values.mb} MB per request`);
  for (const [label, urlPath, declared] of [
    ["JSON route, Content-Length declared", "/api/certificates/verify", true],
    ["JSON route, chunked (no length)", "/api/certificates/verify", false],
    ["page path, chunked (no length)", "/courses", false],
  ] as const) {
    const before = memory(pid);
    const r = await send(port, urlPath, declared);
    await new Promise((res) => setTimeout(res, 300));
    const after = memory(pid);
    console.log(
      `${label.padEnd(38)} → ${r.status} after ${(r.sentBytes / 1024 / 1024).toFixed(1)} MB sent, ${r.ms} ms; ` +
        `RSS ${(before.rss / 1e6).toFixed(1)} → ${(after.rss / 1e6).toFixed(1)} MB (Δ ${((after.rss - before.rss) / 1e6).toFixed(1)} MB), ` +
        `peak ${(before.peak / 1e6).toFixed(1)} → ${(after.peak / 1e6).toFixed(1)} MB`,
    );
  }
} finally {
  server.kill("SIGTERM");
}
