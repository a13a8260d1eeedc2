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
  timeoutMs?: number;
}

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
  const [db, chain, store] = await Promise.all([
    timed(deps.pingDatabase, timeoutMs),
    deps.chainInfo ? timed(deps.chainInfo, timeoutMs) : null,
    timed(deps.pingStorage, timeoutMs),
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
    failing,
  };
}
