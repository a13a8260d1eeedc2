/**
 * Playwright e2e against the whole stack (embedded PostgreSQL, Hardhat node, deployed contracts, seed,
 * production Next.js build) started fresh in `.data/e2e`, in Debian's Chromium (never a downloaded browser).
 */
import path from "node:path";
import { defineConfig } from "@playwright/test";

const webPort = Number(process.env.E2E_WEB_PORT ?? 3100);
const chainPort = Number(process.env.E2E_CHAIN_PORT ?? 8645);
const root = path.resolve(import.meta.dirname, "..");

export default defineConfig({
  testDir: "e2e",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  reporter: [["list"]],
  use: {
    baseURL: `http://localhost:${webPort}`,
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
      ],
    },
  },
  webServer: {
    command: `node_modules/.bin/tsx scripts/stack/main.ts --mode prod --fresh --data-dir ${path.join(root, ".data/e2e")} --web-port ${webPort} --chain-port ${chainPort}`,
    url: `http://127.0.0.1:${webPort}/api/health`,
    timeout: 300_000,
    reuseExistingServer: false,
    stdout: "pipe",
    stderr: "pipe",
    gracefulShutdown: { signal: "SIGTERM", timeout: 20_000 },
  },
});
