import { describe, expect, it } from "vitest";
import { bearerTokenMatches, renderMetrics } from "@/server/metrics";
import { RequestMetricsProcessor } from "@/server/tracing";
import type { ReadableSpan } from "@opentelemetry/sdk-trace-base";
import { indexerLag } from "./gauges";
import type { PrismaClient } from "@smolitux/db";

const span = (attributes: Record<string, unknown>, seconds: number, nanos: number) =>
  ({ attributes, duration: [seconds, nanos] }) as unknown as ReadableSpan;

describe("request metrics from Next.js spans", () => {
  it("records BaseServer.handleRequest spans by method, route pattern and status; ignores other spans", async () => {
    const p = new RequestMetricsProcessor();
    p.onEnd(
      span(
        {
          "next.span_type": "BaseServer.handleRequest",
          "http.method": "POST",
          "http.route": "/api/checkout/card",
          "http.status_code": 409,
        },
        0,
        300_000_000,
      ),
    );
    p.onEnd(span({ "next.span_type": "AppRender.getBodyResult", "http.route": "/ignored" }, 1, 0));
    p.onEnd(
      span(
        { "next.span_type": "BaseServer.handleRequest", "http.method": "GET", "http.status_code": 404 },
        0,
        1_000_000,
      ),
    );
    const { body } = await renderMetrics();
    expect(body).toContain(
      'http_request_duration_seconds_bucket{le="0.25",method="POST",route="/api/checkout/card",status="409"} 0',
    );
    expect(body).toContain(
      'http_request_duration_seconds_bucket{le="0.5",method="POST",route="/api/checkout/card",status="409"} 1',
    );
    expect(body).toContain('http_request_duration_seconds_count{method="GET",route="unmatched",status="404"} 1');
    expect(body).not.toContain("/ignored");
  });
});

describe("bearerTokenMatches", () => {
  it("accepts exactly `Bearer <token>`", () => {
    expect(bearerTokenMatches("Bearer abc", "abc")).toBe(true);
    expect(bearerTokenMatches("bearer abc", "abc")).toBe(true);
    expect(bearerTokenMatches("Bearer abcd", "abc")).toBe(false);
    expect(bearerTokenMatches("abc", "abc")).toBe(false);
    expect(bearerTokenMatches(null, "abc")).toBe(false);
  });
});

describe("indexer lag", () => {
  const dbWithCursor = (blockNumber: bigint | null) =>
    ({
      chainCursor: { findUnique: async () => (blockNumber === null ? null : { blockNumber }) },
    }) as unknown as PrismaClient;
  const chain = (head: bigint) => ({
    finalHead: async () => head,
    blockTime: async (n: bigint) => 1_700_000_000n + n * 2n,
  });

  it("is final head − cursor in blocks and in block-time seconds", async () => {
    const lag = await indexerLag(dbWithCursor(100n), 80002, chain(130n));
    expect(lag.blocks).toEqual([{ labels: { chain_id: "80002" }, value: 30 }]);
    expect(lag.seconds).toEqual([{ labels: { chain_id: "80002" }, value: 60 }]);
  });

  it("is 0 when the cursor is at the head, and counts from block 0 before the first cursor", async () => {
    expect((await indexerLag(dbWithCursor(130n), 1, chain(130n))).blocks[0]!.value).toBe(0);
    expect((await indexerLag(dbWithCursor(null), 1, chain(5n))).blocks[0]!.value).toBe(5);
  });
});
