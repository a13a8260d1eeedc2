/**
 * Liveness signal of the worker process, which serves no HTTP: touches a file every `intervalMs` while the
 * event loop runs. Kubernetes exec probes (k8s/base/worker-deployment.yaml) compare its mtime with now, so a
 * blocked event loop or a hung process fails them; a replica waiting for another's advisory locks is alive.
 */
import { writeFile } from "node:fs/promises";

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
