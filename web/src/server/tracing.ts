/**
 * Request metrics from Next.js's own OpenTelemetry spans. Next.js wraps every request in a
 * `BaseServer.handleRequest` span carrying `http.method`, `http.route` (the route pattern, e.g.
 * `/courses/[slug]`) and `http.status_code` (https://nextjs.org/docs/app/guides/open-telemetry). This module
 * registers a tracer provider with no exporter — nothing leaves the process — and a span processor that
 * feeds those spans into the `http_request_duration_seconds` histogram. The active span's trace id is also
 * the request id of log lines (server/logger.ts) and of outbox rows enqueued during the request.
 */
import type { Context } from "@opentelemetry/api";
import type { ReadableSpan, Span, SpanProcessor } from "@opentelemetry/sdk-trace-base";
import { NodeTracerProvider } from "@opentelemetry/sdk-trace-node";
import { observeHttpRequest } from "./metrics.ts";

/** Span type attribute Next.js sets on its root request span. */
const HANDLE_REQUEST = "BaseServer.handleRequest";

/** Feeds finished request spans into the request histogram; ignores every other span. */
export class RequestMetricsProcessor implements SpanProcessor {
  onStart(_span: Span, _parentContext: Context): void {}

  onEnd(span: ReadableSpan): void {
    const a = span.attributes;
    if (a["next.span_type"] !== HANDLE_REQUEST) return;
    const route = typeof a["http.route"] === "string" ? a["http.route"] : "unmatched";
    const method = typeof a["http.method"] === "string" ? a["http.method"] : "GET";
    const status = typeof a["http.status_code"] === "number" ? a["http.status_code"] : 0;
    const [s, ns] = span.duration;
    observeHttpRequest(method, route, status, s + ns / 1e9);
  }

  async forceFlush(): Promise<void> {}

  async shutdown(): Promise<void> {}
}

let registered = false;

/** Registers the tracer provider once per process (Next.js `instrumentation.ts`, Node.js runtime only). */
export function registerRequestMetrics(): void {
  if (registered) return;
  registered = true;
  new NodeTracerProvider({ spanProcessors: [new RequestMetricsProcessor()] }).register();
}
