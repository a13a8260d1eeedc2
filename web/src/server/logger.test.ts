import { trace } from "@opentelemetry/api";
import { describe, expect, it } from "vitest";
import { createLogger } from "./logger";
import { registerRequestMetrics } from "./tracing";

describe("logger", () => {
  const capture = (level: Parameters<typeof createLogger>[0] = "info") => {
    const lines: Record<string, unknown>[] = [];
    const log = createLogger(level, "test", (l) => lines.push(JSON.parse(l) as Record<string, unknown>));
    return { log, lines };
  };

  it("writes one JSON object per line with time, level, scope, message and fields; drops lower levels", () => {
    const { log, lines } = capture("info");
    log.debug("hidden");
    log.info("sent", { attempts: 2, amount: 10n ** 18n });
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({
      level: "info",
      scope: "test",
      msg: "sent",
      attempts: 2,
      amount: "1000000000000000000",
    });
    expect(Date.parse(lines[0]!.t as string)).not.toBeNaN();
  });

  it("children carry their scope and bound fields", () => {
    const { log, lines } = capture();
    log.child("outbox", { signer: "catalog" }).warn("stuck");
    expect(lines[0]).toMatchObject({ scope: "outbox", signer: "catalog", msg: "stuck" });
  });

  it("never writes credentials of URLs (server/redact.ts) in messages, fields or errors", () => {
    const { log, lines } = capture();
    const err = new Error("HTTP request failed.\n\nURL: https://a:b@rpc.example/x?token=t\nDetails: …");
    log.error("rpc https://a:b@rpc.example/v2/0123456789abcdefghij0123 failed", {
      rpcUrl: "https://a:b@rpc.example/?token=t",
      error: err,
    });
    const out = JSON.stringify(lines);
    expect(out).not.toMatch(/a:b|token=t|0123456789abcdefghij0123/);
    expect(lines[0]).toMatchObject({
      msg: "rpc https://rpc.example/v2/*** failed",
      rpcUrl: "https://rpc.example?redacted",
      error: { name: "Error", message: "HTTP request failed." },
    });
  });

  it("adds the active request span's trace id as requestId (as inside a Next.js request)", () => {
    registerRequestMetrics(); // the tracer provider + async context manager that instrumentation.ts registers
    const { log, lines } = capture();
    let traceId = "";
    trace.getTracer("test").startActiveSpan("request", (span) => {
      traceId = span.spanContext().traceId;
      log.info("in request");
      span.end();
    });
    log.info("outside");
    expect(traceId).toMatch(/^[0-9a-f]{32}$/);
    expect(lines.find((l) => l.msg === "in request")?.requestId).toBe(traceId);
    expect(lines.find((l) => l.msg === "outside")?.requestId).toBeUndefined();
  });
});
