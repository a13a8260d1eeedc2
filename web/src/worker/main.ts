/**
 * The worker process (`pnpm run worker`; the dev stack starts it): runs every registered loop, each
 * under its own PostgreSQL advisory lock (see loops.ts). Add a loop by adding its factory to LOOPS.
 *
 * Logs one JSON object per line. SIGTERM/SIGINT: finish the current ticks, release the locks, exit 0.
 * Bad configuration (env, missing signer key, no contract deployment for CHAIN_ID, RPC on another
 * chain): one clear message on stderr and exit code 1.
 *
 * Offline mode (`OFFLINE_MODE=true`): no RPC_URL is contacted and no signer key is needed; only the loops
 * in OFFLINE_LOOPS run, and the outbound connection guard (server/net-guard.ts) is installed first.
 */
import { createPrismaClient } from "@smolitux/db";
import { publicClient, rpcUrls } from "../server/chain.ts";
import { redactUrl, redactUrls } from "../server/redact.ts";
import { chainEnabled, env as loadEnv, type Env } from "../server/env.ts";
import { installNetGuard } from "../server/net-guard.ts";
import type { LoopFactory, WorkerContext } from "./context.ts";
import { createLogger } from "./log.ts";
import { startLoops, type WorkerLoop } from "./loops.ts";
import { startDbHeartbeat, startHeartbeat } from "./heartbeat.ts";

/**
 * A loop factory's module, imported only when its loops run: offline mode never loads Stripe or the chain
 * senders, and nodemailer only with SMTP_URL (less code in memory on a school's Raspberry Pi).
 */
type LoopModule = (env: Env) => Promise<LoopFactory>;
const outboxSenders: LoopModule = async () => (await import("./outbox-loops.ts")).outboxSenderLoops;
const indexer: LoopModule = async () => (await import("./indexer-loop.ts")).indexerLoops;
const certificates: LoopModule = async () => (await import("../features/certificates/worker-loop.ts")).certificateLoops;
const uploadSweep: LoopModule = async () => (await import("./upload-sweep-loop.ts")).uploadSweepLoops;
const cardSettle: LoopModule = async () => (await import("../features/checkout/card/settle-loop.ts")).cardSettleLoops;
const connectTransfers: LoopModule = async () =>
  (await import("../features/payouts/transfer-loop.ts")).connectTransferLoops;
const mail: LoopModule = async (e) =>
  e.SMTP_URL ? (await import("../features/mail/worker-loop.ts")).mailLoops : () => [];

/** The loop registry: one factory per job (outbox senders, chain indexer, certificates, uploads, card settle, Connect transfers, mail). */
const LOOPS: readonly LoopModule[] = [
  outboxSenders,
  indexer,
  certificates,
  uploadSweep,
  cardSettle,
  connectTransfers,
  mail,
];
/** The loops that need no chain: the only ones offline mode runs (certificates are issued, minting waits). */
const OFFLINE_LOOPS: readonly LoopModule[] = [certificates, uploadSweep, mail];

function fail(message: string): never {
  process.stderr.write(`worker: ${message}\n`);
  process.exit(1);
}

async function main(): Promise<void> {
  let env: Env;
  try {
    env = loadEnv();
  } catch (err) {
    fail(err instanceof Error ? err.message : String(err));
  }
  const log = createLogger(env.LOG_LEVEL);
  const online = chainEnabled(env);
  if (!online) {
    installNetGuard({
      lan: env.LAN_NETWORKS,
      onRefused: (r) => log.warn("outbound connection refused (offline mode)", { ...r }),
    });
  }
  const client = publicClient(); // no I/O until used; offline loops never use it
  const db = createPrismaClient(env.DATABASE_URL, { max: env.DB_POOL_MAX ?? 5 });
  const ctx: WorkerContext = { env, db, client, log };
  let loops: WorkerLoop[];
  try {
    const factories = await Promise.all((online ? LOOPS : OFFLINE_LOOPS).map((load) => load(env)));
    loops = factories.flatMap((factory) => factory(ctx)); // validates keys and the deployment, no I/O
  } catch (err) {
    await db.$disconnect();
    fail(err instanceof Error ? err.message : String(err));
  }
  if (online) {
    const rpcChainId = await client.getChainId().catch((err: unknown) => {
      fail(
        `cannot reach RPC_URL ${rpcUrls(env).map(redactUrl).join(", ")}: ${redactUrls(err instanceof Error ? (err.message.split("\n")[0] ?? "") : String(err))}`,
      );
    });
    if (rpcChainId !== env.CHAIN_ID)
      fail(
        `RPC_URL ${rpcUrls(env).map(redactUrl).join(", ")} serves chain ${rpcChainId}, expected CHAIN_ID=${env.CHAIN_ID}`,
      );
    // Outbox start-up reconciliation runs per signer inside its sender lock (outbox-loops.ts onAcquire).
  }

  const running = startLoops(loops, { databaseUrl: env.DATABASE_URL, log });
  log.info("worker started", {
    loops: loops.map((l) => l.name),
    ...(online ? { chainId: env.CHAIN_ID } : { offline: true, chain: "disabled" }),
  });

  const heartbeat = env.WORKER_HEARTBEAT_FILE
    ? startHeartbeat(env.WORKER_HEARTBEAT_FILE, (err) => log.warn("heartbeat write failed", { error: String(err) }))
    : undefined;
  const dbHeartbeat = startDbHeartbeat(
    db,
    loops.map((l) => l.name),
    (err) => log.warn("heartbeat write failed", { error: String(err) }),
  );

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    heartbeat?.stop();
    dbHeartbeat.stop();
    log.info("stopping", { signal });
    void running
      .stop()
      .then(() => db.$disconnect())
      .then(() => {
        log.info("stopped");
        process.exit(0);
      });
  };
  process.on("SIGTERM", () => stop("SIGTERM"));
  process.on("SIGINT", () => stop("SIGINT"));
  await running.done;
}

void main();
