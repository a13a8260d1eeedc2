/**
 * The second start of `./run dev` (hot-reload mode): a page loaded after the stack was stopped and
 * started again must stay loaded — no reload loop (seen before: /signin reloaded ~3.5 times a second
 * until web/.next was deleted, wiping forms). The spec runs its own dev stack (own data folder and
 * ports, beside the suite's production stack), starts it twice, and counts full page loads of /signin
 * over 15 s after each start, and that a typed e-mail survives. Slow: `next dev` compiles /signin.
 */
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { freePort } from "../scripts/stack/ports.ts";

const WEB_DIR = path.resolve(import.meta.dirname, "..");
const DATA_DIR = path.resolve(WEB_DIR, "../.data/e2e-dev-restart");

interface Stack {
  proc: ChildProcess;
  output: () => string;
}

function startStack(webPort: number, chainPort: number, fresh: boolean): Promise<Stack> {
  const env = { ...process.env };
  delete env.DATABASE_URL;
  const args = ["scripts/stack/main.ts", "--mode", "dev", "--data-dir", DATA_DIR];
  args.push("--web-port", String(webPort), "--chain-port", String(chainPort), ...(fresh ? ["--fresh"] : []));
  const proc = spawn("node_modules/.bin/tsx", args, { cwd: WEB_DIR, env, stdio: ["ignore", "pipe", "pipe"] });
  let out = "";
  return new Promise((resolve, reject) => {
    const onData = (c: Buffer) => {
      out = (out + c.toString()).slice(-20_000);
      if (out.includes("is ready at")) resolve({ proc, output: () => out });
    };
    proc.stdout?.on("data", onData);
    proc.stderr?.on("data", onData);
    proc.once("exit", (code) => reject(new Error(`dev stack exited (${code}) before ready:\n${out.slice(-3000)}`)));
  });
}

async function stopStack(stack: Stack): Promise<void> {
  if (stack.proc.exitCode !== null) return;
  const exited = new Promise((r) => stack.proc.once("exit", r));
  stack.proc.kill("SIGINT");
  await exited;
}

/** Full document loads of the page's main frame during `ms` (client-side URL updates do not count). */
async function documentLoadsDuring(page: Page, ms: number): Promise<number> {
  let loads = 0;
  const onRequest = (req: { isNavigationRequest(): boolean; frame(): unknown }) => {
    if (req.isNavigationRequest() && req.frame() === page.mainFrame()) loads++;
  };
  page.on("request", onRequest);
  await page.waitForTimeout(ms);
  page.off("request", onRequest);
  return loads;
}

test("after a restart of the dev stack, a loaded page stays loaded (no reload loop)", async ({ page }) => {
  test.setTimeout(20 * 60_000);
  const [webPort, chainPort] = [await freePort(), await freePort()];
  const url = `http://localhost:${webPort}/signin`;

  let stack = await startStack(webPort, chainPort, true);
  try {
    await page.goto(url, { timeout: 300_000 });
    await expect(page.getByLabel("E-mail")).toBeVisible({ timeout: 120_000 });
    await page.waitForTimeout(5_000); // first-visit compilation settles
    await stopStack(stack);

    stack = await startStack(webPort, chainPort, false);
    await page.goto(url, { timeout: 300_000 });
    await expect(page.getByLabel("E-mail")).toBeVisible({ timeout: 120_000 });
    await page.waitForTimeout(5_000);
    await page.getByLabel("E-mail").fill("still-here@example.org");
    const loads = await documentLoadsDuring(page, 15_000);
    expect(loads, "full page loads of /signin in 15 s after the second start").toBeLessThanOrEqual(1);
    if (loads === 0) await expect(page.getByLabel("E-mail")).toHaveValue("still-here@example.org");
    expect(new URL(page.url()).search).not.toContain("password");
  } finally {
    await stopStack(stack);
  }
});
