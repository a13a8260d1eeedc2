/**
 * Liveness signal of the worker process, which serves no HTTP: touches a file every `intervalMs` while the
 * event loop runs. Kubernetes exec probes (k8s/base/worker-deployment.yaml) compare its mtime with now, so a
 * blocked event loop or a hung process fails them; a replica waiting for another's advisory locks is alive.
 */
import { writeFile } from "node:fs/promises";
import { hostname } from "node:os";
import type { PrismaClient } from "@smolitux/db";

/** A running heartbeat; `stop()` ends it. */
export interface Heartbeat {
  stop(): void;
}

/**
 * Starts writing the current ISO-8601 time to `file` now and every `intervalMs` milliseconds (default 10 s).
 * Write errors are reported to `onError` and retried on the next beat; they never stop the worker.
 */
export function startHeartbeat(file: string, onError: (err: unknown) => void, intervalMs = 10_000): Heartbeat {
  const beat = () => void writeFile(file, new Date().toISOString()).catch(onError);
  beat();
  const timer = setInterval(beat, intervalMs);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}

/**
 * The worker's heartbeat in the database (`WorkerHeartbeat`, one row per worker process `<host>:<pid>`): written now
 * and every `intervalMs` (default 10 s), read by `GET /api/health` (`worker`: ok / stale / unknown), so the web app
 * and its healthcheck see a stopped or hung worker. Rows older than a day are removed at start. Errors go to
 * `onError` and never stop the worker.
 */
export function startDbHeartbeat(
  db: Pick<PrismaClient, "workerHeartbeat">,
  loops: string[],
  onError: (err: unknown) => void,
  intervalMs = 10_000,
): Heartbeat {
  const id = `${hostname()}:${process.pid}`;
  void db.workerHeartbeat.deleteMany({ where: { beatAt: { lt: new Date(Date.now() - 86_400_000) } } }).catch(onError);
  const beat = () =>
    void db.workerHeartbeat
      .upsert({ where: { id }, create: { id, beatAt: new Date(), loops }, update: { beatAt: new Date(), loops } })
      .catch(onError);
  beat();
  const timer = setInterval(beat, intervalMs);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
