/**
 * Playwright e2e against the whole stack (embedded PostgreSQL, Hardhat node, deployed contracts, seed,
 * production Next.js build) started fresh in `.data/e2e` (or `E2E_DATA_DIR`), in Debian's Chromium (never a
 * downloaded browser). Card payments are on, against the local Stripe stub that the card spec's worker
 * fixture serves on a fixed port (see e2e/fixtures/stripe.ts); its keys are generated per run. Sign-in with
 * Google goes to a real OpenID Connect provider (npm `oidc-provider`) that the global setup serves on loopback.
 */
import { randomBytes } from "node:crypto";
import path from "node:path";
import { defineConfig } from "@playwright/test";
import { oidcE2eConfig } from "./e2e/fixtures/oidc-config";
import { stripeE2eConfig } from "./e2e/fixtures/stripe-config";

const webPort = Number(process.env.E2E_WEB_PORT ?? 3100);
const chainPort = Number(process.env.E2E_CHAIN_PORT ?? 8645);
const root = path.resolve(import.meta.dirname, "..");
const dataDir = path.resolve(process.env.E2E_DATA_DIR ?? path.join(root, ".data/e2e"));
const stripe = stripeE2eConfig();
// "Continue with Google" against the run's OpenID Connect provider (e2e/global-setup.ts, npm oidc-provider).
const oidc = oidcE2eConfig();
// The stack's in-process SMTP catcher: account mail lands as .json in <dataDir>/mail (e2e/fixtures/mail.ts).
const smtpPort = Number(process.env.E2E_SMTP_PORT ?? webPort + 2);
process.env.E2E_MAIL_DIR ??= path.join(dataDir, "mail");
// Bearer token of GET /api/metrics for this run (inherited by the test workers through the environment).
process.env.E2E_METRICS_TOKEN ??= randomBytes(24).toString("hex");

export default defineConfig({
  testDir: "e2e",
  globalSetup: "./e2e/global-setup.ts",
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
    command: `node_modules/.bin/tsx scripts/stack/main.ts --mode prod --fresh --data-dir ${dataDir} --web-port ${webPort} --chain-port ${chainPort} --reserved-ports ${stripe.port},${smtpPort},${oidc.port} --smtp-port ${smtpPort}`,
    url: `http://127.0.0.1:${webPort}/api/health`,
    timeout: 300_000,
    reuseExistingServer: false,
    stdout: "pipe",
    stderr: "pipe",
    gracefulShutdown: { signal: "SIGTERM", timeout: 20_000 },
    env: {
      CARD_PAYMENTS: "true",
      STRIPE_API_BASE: stripe.apiBase,
      STRIPE_SECRET_KEY: stripe.secretKey,
      STRIPE_WEBHOOK_SECRET: stripe.webhookSecret,
      METRICS_TOKEN: process.env.E2E_METRICS_TOKEN,
      // Provider transfers after the refund window (card-payouts spec): a short pass interval.
      CONNECT_TRANSFER_INTERVAL_MS: "500",
      // card-payouts spec: a refused transfer gives up at once (FAILED), so the admin's Retry can be driven.
      CONNECT_TRANSFER_MAX_ATTEMPTS: "1",
      OIDC_ISSUER: oidc.issuer,
      OIDC_CLIENT_ID: oidc.clientId,
      OIDC_CLIENT_SECRET: oidc.clientSecret,
    },
  },
});
