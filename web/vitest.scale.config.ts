/**
 * Multi-process tests that need the production build (web/.next): run by `./run test` after
 * "web: production build" (step "scale: …"), never by the default vitest run.
 */
import path from "node:path";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: { alias: { "@": path.resolve(import.meta.dirname, "src") } },
  test: {
    include: ["test/scale/**/*.scale.test.ts"],
    globalSetup: ["test/setup/chain-artifacts.ts"],
    environment: "node",
    testTimeout: 600_000,
    hookTimeout: 120_000,
    pool: "forks",
  },
});
