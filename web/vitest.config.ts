import path from "node:path";
import { configDefaults, defineConfig } from "vitest/config";

export default defineConfig({
  resolve: { alias: { "@": path.resolve(import.meta.dirname, "src") } },
  test: {
    include: ["src/**/*.test.ts", "test/**/*.test.ts", "scripts/**/*.test.ts", "bench/**/*.test.ts"],
    // multi-process tests on the production build: vitest.scale.config.ts, after the build step
    exclude: [...configDefaults.exclude, "test/scale/**"],
    globalSetup: ["test/setup/global-db.ts", "test/setup/chain-artifacts.ts"],
    environment: "node",
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: "forks",
    // RainbowKit 2 (written for wagmi 2) imports a connector wagmi 3 no longer exports (`porto`); bundlers and
    // vite's transform tolerate the missing export, Node's ESM loader does not — let vite load it.
    server: { deps: { inline: ["@rainbow-me/rainbowkit"] } },
  },
});
