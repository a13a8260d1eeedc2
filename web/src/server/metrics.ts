/**
 * The process's Prometheus registry (prom-client, text exposition format 0.0.4) and the HTTP request
 * histogram. One registry per process, kept on `globalThis` because Next.js may load a server module in
 * more than one bundle. Domain gauges (indexer lag, outbox, webhooks, certificates, payment problems) are
 * computed at scrape time by features/observability and registered through {@link registerGauge}.
 *
 * Served by `GET /api/metrics` (bearer `METRICS_TOKEN`); scraped by k8s/base/servicemonitor.yaml.
 */
import { createHash, timingSafeEqual } from "node:crypto";
import { Gauge, Histogram, Registry, collectDefaultMetrics } from "prom-client";

interface MetricsState {
  registry: Registry;
  httpDuration: Histogram<"method" | "route" | "status">;
  gauges: Map<string, Gauge<string>>;
}

const KEY = Symbol.for("smolitux.metrics");
const holder = globalThis as typeof globalThis & { [KEY]?: MetricsState };

/** Seconds: from 5 ms to 10 s, the range of page renders and API calls. */
const DURATION_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

function state(): MetricsState {
  if (!holder[KEY]) {
    const registry = new Registry();
    collectDefaultMetrics({ register: registry });
    new Gauge({
      name: "smolitux_build_info",
      help: "Constant 1, labelled with the app version and the Node.js version of this process",
      labelNames: ["version", "node"],
      registers: [registry],
    }).set({ version: process.env.npm_package_version ?? "0.1.0", node: process.versions.node }, 1);
    const httpDuration = new Histogram({
      name: "http_request_duration_seconds",
      help: "Duration of HTTP requests served by Next.js, by method, route pattern (e.g. /courses/[slug]) and status",
      labelNames: ["method", "route", "status"] as const,
      buckets: DURATION_BUCKETS,
      registers: [registry],
    });
    holder[KEY] = { registry, httpDuration, gauges: new Map() };
  }
  return holder[KEY];
}

/**
 * Records one served request.
 * @param route the route pattern (bounded label set), never the raw path
 * @param seconds duration in seconds
 */
export function observeHttpRequest(method: string, route: string, status: number, seconds: number): void {
  state().httpDuration.observe({ method, route, status: String(status) }, seconds);
}

/** One sample of a gauge computed at scrape time. */
export interface GaugeSample {
  labels: Record<string, string>;
  value: number;
}

/**
 * Registers (once per name) a gauge whose samples are computed by `collect` at every scrape; a throwing
 * collector leaves the gauge empty for that scrape and is reported through `onError`.
 */
export function registerGauge(
  name: string,
  help: string,
  labelNames: readonly string[],
  collect: () => Promise<GaugeSample[]>,
  onError: (err: unknown) => void,
): void {
  const s = state();
  if (s.gauges.has(name)) return;
  const gauge: Gauge<string> = new Gauge({
    name,
    help,
    labelNames: [...labelNames],
    registers: [s.registry],
    async collect() {
      gauge.reset();
      try {
        for (const sample of await collect()) gauge.set(sample.labels, sample.value);
      } catch (err) {
        onError(err);
      }
    },
  });
  s.gauges.set(name, gauge);
}

/** The exposition text and its content type. */
export async function renderMetrics(): Promise<{ body: string; contentType: string }> {
  const { registry } = state();
  return { body: await registry.metrics(), contentType: registry.contentType };
}

/**
 * Whether an `Authorization` header carries `Bearer <token>` (constant-time comparison of SHA-256 digests,
 * so neither the token's content nor its length leaks through timing).
 */
export function bearerTokenMatches(header: string | null, token: string): boolean {
  const m = /^Bearer\s+(\S+)$/i.exec(header ?? "");
  if (!m) return false;
  const digest = (v: string) => createHash("sha256").update(v).digest();
  return timingSafeEqual(digest(m[1]!), digest(token));
}
