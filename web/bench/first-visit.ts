/**
 * Benchmark (prints figures, asserts nothing): the FIRST visit of every page right after the stack says
 * "ready" — what a person trying the product waits for. Starts the stack (default `--prod`: the cached
 * production build; `--mode dev` measures hot-reload mode, where each page compiles on first visit) in
 * its own data folder and ports, then loads each page once in Chromium (navigation → `load` event),
 * anonymous pages first, then — after a sign-up through the API and a sign-in through the form — the
 * signed-in pages. Target: ≤ 2 s per page.
 *
 *   pnpm --filter @smolitux/web bench:pages [-- --mode dev] [-- --url http://localhost:3000 (a running stack)]
 */
import { spawn } from "node:child_process";
import path from "node:path";
import { parseArgs } from "node:util";
import { chromium, type Page } from "@playwright/test";
import { freePort } from "../scripts/stack/ports.ts";

const { values } = parseArgs({
  args: process.argv.slice(2).filter((a) => a !== "--"),
  options: { mode: { type: "string", default: "prod" }, url: { type: "string" } },
});
const WEB_DIR = path.resolve(import.meta.dirname, "..");
const DATA_DIR = path.resolve(WEB_DIR, "../.data/bench-pages");

const ANONYMOUS = [
  "/",
  "/courses",
  "/courses/git-novice",
  "/courses/solidity-by-example",
  "/courses?q=solidity",
  "/signin",
  "/signup",
  "/verify",
];
const SIGNED_IN = ["/dashboard", "/account", "/redeem", "/learn/git-novice", "/earnings", "/studio"];

async function startStack(): Promise<{ base: string; stop: () => Promise<void> }> {
  const [webPort, chainPort] = [await freePort(), await freePort()];
  const env = { ...process.env };
  delete env.DATABASE_URL;
  const args = ["scripts/stack/main.ts", "--mode", values.mode ?? "prod", "--data-dir", DATA_DIR];
  args.push("--web-port", String(webPort), "--chain-port", String(chainPort));
  const t0 = performance.now();
  const child = spawn("node_modules/.bin/tsx", args, { cwd: WEB_DIR, env, stdio: ["ignore", "pipe", "pipe"] });
  let out = "";
  await new Promise<void>((resolve, reject) => {
    const onData = (c: Buffer) => {
      out = (out + c.toString()).slice(-8000);
      if (out.includes("is ready at")) resolve();
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", onData);
    child.once("exit", (code) => reject(new Error(`stack exited (${code}) before ready:\n${out}`)));
  });
  const reused = out.includes("production build is up to date");
  console.log(
    `stack ready in ${((performance.now() - t0) / 1000).toFixed(1)} s (mode ${values.mode}${values.mode === "prod" ? (reused ? ", build reused" : ", built now") : ""})`,
  );
  return {
    base: `http://localhost:${webPort}`,
    stop: async () => {
      const exited = new Promise((r) => child.once("exit", r));
      child.kill("SIGINT");
      await exited;
    },
  };
}

async function visit(page: Page, url: string): Promise<{ ms: number; status: number | string; final: string }> {
  const t0 = performance.now();
  try {
    const res = await page.goto(url, { waitUntil: "load", timeout: 180_000 });
    return { ms: performance.now() - t0, status: res?.status() ?? "?", final: new URL(page.url()).pathname };
  } catch (err) {
    return { ms: performance.now() - t0, status: `error: ${String(err).split("\n")[0]}`, final: "" };
  }
}

const stack = values.url ? { base: values.url.replace(/\/$/, ""), stop: async () => {} } : await startStack();
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
});
const rows: { page: string; ms: number; status: number | string; final: string }[] = [];
try {
  const page = await (await browser.newContext()).newPage();
  for (const p of ANONYMOUS) rows.push({ page: p, ...(await visit(page, stack.base + p)) });

  const email = `bench-${Date.now()}@example.org`;
  const password = "bench password 123";
  await page.request.post(`${stack.base}/api/auth/signup`, { data: { email, password, name: "Bench" } });
  await page.goto(`${stack.base}/signin`);
  await page.getByLabel("E-mail").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await page.waitForURL((u) => !u.pathname.startsWith("/signin"), { timeout: 60_000 }).catch(() => undefined);
  for (const p of SIGNED_IN) rows.push({ page: `${p} (signed in)`, ...(await visit(page, stack.base + p)) });
} finally {
  await browser.close();
  await stack.stop();
}

console.log(`first visit after "ready" (${stack.base}), Chromium navigation → load:`);
for (const r of rows) {
  const mark = typeof r.status === "number" && r.ms <= 2000 ? "≤ 2 s" : "SLOW/FAILED";
  const redirected = r.final && !r.page.startsWith(r.final) ? ` → ${r.final}` : "";
  console.log(
    `  ${r.page.padEnd(34)} ${String(r.status).padEnd(4)} ${(r.ms / 1000).toFixed(2).padStart(7)} s  ${mark}${redirected}`,
  );
}
const slowest = Math.max(...rows.map((r) => r.ms));
console.log(
  `slowest: ${(slowest / 1000).toFixed(2)} s; pages over 2 s: ${rows.filter((r) => r.ms > 2000).length} of ${rows.length}`,
);
