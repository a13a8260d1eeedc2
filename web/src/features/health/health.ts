/**
 * Readiness of the app's dependencies for `GET /api/health`. Each check runs with its own timeout;
 * the report names every failing dependency.
 */
import { redactUrls } from "@/server/redact.ts";

export interface DependencyStatus {
  ok: boolean;
  /** milliseconds the check took */
  latencyMs: number;
  error?: string;
}

/** `disabled`: switched off by configuration (offline mode) — not a failure. */
export type DependencyState = "ok" | "failed" | "disabled";

export interface HealthReport {
  status: "ok" | "degraded";
  /** true when the instance runs in offline mode (OFFLINE_MODE=true) */
  offline: boolean;
  database: DependencyStatus;
  chain: DependencyStatus & {
    state: DependencyState;
    chainId?: number;
    expectedChainId: number;
    latestBlock?: string;
  };
  storage: DependencyStatus & { driver: string };
  /** card checkout (Stripe): `enabled` or `disabled` by configuration; never checked over the network */
  cardPayments: { state: "enabled" | "disabled" };
  /**
   * The worker's last heartbeat (it writes one every 10 s, `WorkerHeartbeat`): `ok` when younger than
   * {@link WORKER_STALE_SECONDS}, `stale` when older (the worker stopped or hangs), `unknown` when none was ever
   * written or the read failed. Informational: a missing worker does not make the web app unready.
   */
  worker?: { state: "ok" | "stale" | "unknown"; lastBeatAt: string | null; ageSeconds: number | null; error?: string };
  /** names of the failing dependencies */
  failing: string[];
}

export interface HealthDeps {
  pingDatabase(): Promise<void>;
  /** null = no chain configured (offline mode): reported as `disabled`, not failing */
  chainInfo: (() => Promise<{ chainId: number; latestBlock: bigint }>) | null;
  /** whether card checkout is configured (default false) */
  cardPayments?: boolean;
  /** offline mode flag, echoed in the report (default false) */
  offline?: boolean;
  expectedChainId: number;
  storageDriver: string;
  pingStorage(): Promise<void>;
  /** time of the newest worker heartbeat, null when none exists; omitted = no `worker` entry in the report */
  workerHeartbeat?: () => Promise<Date | null>;
  now?: () => Date;
  timeoutMs?: number;
}

/** A worker heartbeat older than this many seconds reports the worker as `stale`. */
export const WORKER_STALE_SECONDS = 60;

async function timed<T>(
  fn: () => Promise<T>,
  timeoutMs: number,
): Promise<{ ok: true; value: T; ms: number } | { ok: false; error: string; ms: number }> {
  const start = performance.now();
  let timer: NodeJS.Timeout | undefined;
  try {
    const value = await Promise.race([
      fn(),
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`timed out after ${timeoutMs} ms`)), timeoutMs);
      }),
    ]);
    return { ok: true, value, ms: Math.round(performance.now() - start) };
  } catch (err) {
    return {
      ok: false,
      error: redactUrls(err instanceof Error ? err.message : String(err)),
      ms: Math.round(performance.now() - start),
    };
  } finally {
    clearTimeout(timer);
  }
}

/** Runs all checks in parallel and builds the report. A chain on the wrong chain id counts as failing. */
export async function checkHealth(deps: HealthDeps): Promise<HealthReport> {
  const timeoutMs = deps.timeoutMs ?? 3000;
  const [db, chain, store, beat] = await Promise.all([
    timed(deps.pingDatabase, timeoutMs),
    deps.chainInfo ? timed(deps.chainInfo, timeoutMs) : null,
    timed(deps.pingStorage, timeoutMs),
    deps.workerHeartbeat ? timed(deps.workerHeartbeat, timeoutMs) : null,
  ]);
  const database: DependencyStatus = db.ok
    ? { ok: true, latencyMs: db.ms }
    : { ok: false, latencyMs: db.ms, error: db.error };
  let chainStatus: HealthReport["chain"];
  if (chain === null) {
    chainStatus = { ok: true, state: "disabled", latencyMs: 0, expectedChainId: deps.expectedChainId };
  } else if (chain.ok) {
    const right = chain.value.chainId === deps.expectedChainId;
    chainStatus = {
      ok: right,
      state: right ? "ok" : "failed",
      latencyMs: chain.ms,
      chainId: chain.value.chainId,
      expectedChainId: deps.expectedChainId,
      latestBlock: chain.value.latestBlock.toString(),
      ...(right ? {} : { error: `RPC serves chain ${chain.value.chainId}, expected ${deps.expectedChainId}` }),
    };
  } else {
    chainStatus = {
      ok: false,
      state: "failed",
      latencyMs: chain.ms,
      expectedChainId: deps.expectedChainId,
      error: chain.error,
    };
  }
  const storage = store.ok
    ? { ok: true, latencyMs: store.ms, driver: deps.storageDriver }
    : { ok: false, latencyMs: store.ms, driver: deps.storageDriver, error: store.error };
  const failing = [
    ...(database.ok ? [] : ["database"]),
    ...(chainStatus.ok ? [] : ["chain"]),
    ...(storage.ok ? [] : ["storage"]),
  ];
  return {
    status: failing.length ? "degraded" : "ok",
    offline: deps.offline ?? false,
    database,
    chain: chainStatus,
    storage,
    cardPayments: { state: deps.cardPayments ? "enabled" : "disabled" },
    ...(beat ? { worker: workerState(beat, (deps.now ?? (() => new Date()))()) } : {}),
    failing,
  };
}

function workerState(
  beat: { ok: true; value: Date | null } | { ok: false; error: string },
  now: Date,
): NonNullable<HealthReport["worker"]> {
  if (!beat.ok) return { state: "unknown", lastBeatAt: null, ageSeconds: null, error: beat.error };
  if (beat.value === null) return { state: "unknown", lastBeatAt: null, ageSeconds: null };
  const ageSeconds = Math.max(0, Math.round((now.getTime() - beat.value.getTime()) / 1000));
  return {
    state: ageSeconds <= WORKER_STALE_SECONDS ? "ok" : "stale",
    lastBeatAt: beat.value.toISOString(),
    ageSeconds,
  };
}
