/**
 * A small runner for the worker's loops. Each loop holds its own PostgreSQL advisory lock
 * (`pg_try_advisory_lock(hashtextextended(lockKey, 0))`) on a dedicated connection for as long as it
 * runs, so exactly one process across all replicas runs it; the others wait and take over when the
 * holder stops or dies (PostgreSQL releases a session lock when its connection ends).
 * Stopping lets the current tick finish, then unlocks and closes the connection.
 */
import pg from "pg";
import type { Logger } from "./log.ts";

/** One periodic job of the worker. */
export interface WorkerLoop {
  /** Name in logs, e.g. `outbox:catalog`. */
  name: string;
  /** Text key of the advisory lock; loops with the same key never run at the same time anywhere. */
  lockKey: string;
  /** Pause between two ticks (ms). */
  intervalMs: number;
  /** One pass; a throw is logged and the next tick runs after the interval. */
  tick(): Promise<unknown>;
  /**
   * Runs once each time the lock is acquired, before the first tick (e.g. start-up reconciliation that
   * must not race another holder). A throw is logged and retried after the interval; no tick runs until
   * it succeeds.
   */
  onAcquire?(): Promise<unknown>;
}

/** Handle of started loops. */
export interface RunningLoops {
  /** Names of loops currently holding their lock. */
  holding(): string[];
  /** Requests a stop, waits for current ticks to finish and locks to be released. */
  stop(): Promise<void>;
  /** Resolves once every loop has stopped. */
  done: Promise<void>;
}

const sleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    if (signal.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener("abort", done);
      resolve();
    }
    signal.addEventListener("abort", done);
  });

/**
 * Starts every loop. `lockRetryMs` (default 1000) is how often a waiting loop retries its lock.
 */
export function startLoops(
  loops: readonly WorkerLoop[],
  opts: { databaseUrl: string; log: Logger; lockRetryMs?: number },
): RunningLoops {
  const controller = new AbortController();
  const holding = new Set<string>();
  const retryMs = opts.lockRetryMs ?? 1_000;

  async function run(loop: WorkerLoop): Promise<void> {
    const log = opts.log.child(loop.name);
    const signal = controller.signal;
    while (!signal.aborted) {
      const client = new pg.Client({ connectionString: opts.databaseUrl, keepAlive: true });
      let lost = false;
      let held = false;
      client.on("error", (err) => {
        lost = true;
        log.warn("lock connection lost", { error: err.message });
      });
      client.on("end", () => (lost = true));
      try {
        await client.connect();
        let announced = false;
        while (!signal.aborted && !lost) {
          const res = await client.query<{ ok: boolean }>(
            "SELECT pg_try_advisory_lock(hashtextextended($1, 0)) AS ok",
            [loop.lockKey],
          );
          if (res.rows[0]?.ok) {
            held = true;
            break;
          }
          if (!announced) log.info("waiting: another process holds the lock", { lockKey: loop.lockKey });
          announced = true;
          await sleep(retryMs, signal);
        }
        if (held) {
          holding.add(loop.name);
          log.info("lock acquired; running", { lockKey: loop.lockKey });
          let prepared = loop.onAcquire === undefined;
          while (!signal.aborted && !lost) {
            try {
              if (!prepared) {
                await loop.onAcquire?.();
                prepared = true;
              }
              await loop.tick();
            } catch (err) {
              log.error("tick failed", { error: err instanceof Error ? err.message.split("\n")[0] : String(err) });
            }
            await sleep(loop.intervalMs, signal);
          }
        }
      } catch (err) {
        log.error("database connection for the lock failed", {
          error: err instanceof Error ? err.message : String(err),
        });
        await sleep(retryMs, signal);
      } finally {
        holding.delete(loop.name);
        if (held && !lost) {
          await client
            .query("SELECT pg_advisory_unlock(hashtextextended($1, 0))", [loop.lockKey])
            .catch(() => undefined);
          log.info("lock released");
        }
        await client.end().catch(() => undefined);
      }
    }
  }

  const done = Promise.all(loops.map(run)).then(() => undefined);
  return {
    holding: () => [...holding],
    done,
    async stop() {
      controller.abort();
      await done;
    },
  };
}
