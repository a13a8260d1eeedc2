import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../../../test/db";
import { createCourse, createProvider } from "@/features/catalog/testing/fixtures";
import { observeHttpRequest } from "@/server/metrics";
import { GET } from "./route";

const TOKEN = "metrics-token-0123456789abcdef0123456789";
let t: TestDatabase;

beforeAll(async () => {
  t = await createTestDatabase();
  process.env.DATABASE_URL = t.url;
  process.env.METRICS_TOKEN = TOKEN;
  process.env.RPC_URL = "http://127.0.0.1:9"; // nothing listens: the chain gauges stay empty, the scrape answers
  const provider = await createProvider(t.db, "Carpentries", "We teach.");
  const courseId = await createCourse(t.db, provider, { slug: "git", title: "Git" });
  const old = new Date(Date.now() - 90_000);
  await t.db.outboxTx.createMany({
    data: [
      { idempotencyKey: "a", kind: "listCourse", signer: "catalog", payload: {}, status: "PENDING", createdAt: old },
      { idempotencyKey: "b", kind: "listCourse", signer: "catalog", payload: {}, status: "CONFIRMED" },
      { idempotencyKey: "c", kind: "recordCardPurchase", signer: "paymentOracle", payload: {}, status: "FAILED" },
    ],
  });
  await t.db.stripeEvent.createMany({
    data: [
      { id: "evt_1", type: "checkout.session.completed", payload: {}, processedAt: new Date() },
      { id: "evt_2", type: "checkout.session.completed", payload: {} },
      { id: "evt_3", type: "checkout.session.completed", payload: {}, error: "malformed checkout.session.completed" },
    ],
  });
  await t.db.certificate.create({ data: { userId: provider, courseId, status: "CLAIMABLE" } });
});
afterAll(async () => {
  await t.drop();
});

const scrape = (authorization?: string) =>
  GET(new Request("http://localhost/api/metrics", { headers: authorization ? { authorization } : {} }));

describe("GET /api/metrics", () => {
  it("refuses a missing or wrong bearer token with 401 and the API error shape", async () => {
    for (const auth of [undefined, "Bearer wrong", `Basic ${TOKEN}`, `Bearer ${TOKEN}x`]) {
      const res = await scrape(auth);
      expect(res.status).toBe(401);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe("unauthenticated");
    }
  });

  it("serves the Prometheus text format with request, outbox, webhook and certificate series", async () => {
    observeHttpRequest("GET", "/courses/[slug]", 200, 0.042);
    const res = await scrape(`Bearer ${TOKEN}`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = await res.text();
    expect(text).toContain(
      'http_request_duration_seconds_bucket{le="0.05",method="GET",route="/courses/[slug]",status="200"} 1',
    );
    expect(text).toContain('smolitux_outbox_queue_depth{signer="catalog",status="PENDING"} 1');
    expect(text).toContain('smolitux_outbox_queue_depth{signer="paymentOracle",status="FAILED"} 1');
    const age = /smolitux_outbox_oldest_age_seconds\{signer="catalog"\} ([\d.]+)/.exec(text);
    expect(Number(age?.[1])).toBeGreaterThanOrEqual(89);
    expect(text).toContain('smolitux_webhook_events{type="checkout.session.completed",outcome="pending"} 1');
    expect(text).toContain('smolitux_webhook_events{type="checkout.session.completed",outcome="failed"} 1');
    expect(text).toContain('smolitux_webhook_events{type="checkout.session.completed",outcome="processed"} 1');
    expect(text).toContain('smolitux_certificate_queue{status="CLAIMABLE"} 1');
    expect(text).toContain('smolitux_payment_problems{kind="failed_webhook_event",status="stored"} 1');
    expect(text).toContain("smolitux_build_info{");
    // The chain is unreachable: its gauges are empty, not an error for the whole scrape.
    expect(text).not.toMatch(/^smolitux_indexer_lag_blocks\{/m);
  });
});
