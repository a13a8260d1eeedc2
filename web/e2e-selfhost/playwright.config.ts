/**
 * Playwright smoke against a running self-host stack (selfhost/test/run.sh starts it: the image with
 * compose, or the same processes natively in a loopback-only namespace). No web server is started here.
 * SELFHOST_URL = base URL of the stack; SELFHOST_PHASE = `first` (fresh instance) or `restarted`.
 */
import { defineConfig } from "@playwright/test";

export default defineConfig({
  testDir: ".",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 120_000,
  expect: { timeout: 15_000 },
  reporter: [["list"]],
  use: {
    baseURL: process.env.SELFHOST_URL ?? "http://127.0.0.1:3000",
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
});
