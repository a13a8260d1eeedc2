import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../test/db.ts";
import { route } from "./http.ts";
import {
  enforceRateLimits,
  hitRateLimit,
  RATE_LIMITS,
  resetRateLimit,
  SHARED_ADDRESS_FACTOR,
  sweepRateLimits,
} from "./rate-limit.ts";
import { DIRECT_CLIENT } from "./security/client-ip.ts";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t.drop();
});

describe("PostgreSQL rate limits", () => {
  it("counts exactly under concurrent hits (replicas share the counter) and refuses over the limit", async () => {
    const now = new Date();
    const { max } = RATE_LIMITS.signUpPerAddress;
    const results = await Promise.all(
      Array.from({ length: max + 5 }, () => hitRateLimit(t.db, "signUpPerAddress", "203.0.113.7", now)),
    );
    expect(results.map((r) => r.count).sort((a, b) => a - b)).toEqual(Array.from({ length: max + 5 }, (_, i) => i + 1));
    expect(results.filter((r) => r.allowed)).toHaveLength(max);
    const rows = await t.db.rateLimitCounter.findMany();
    expect(JSON.stringify(rows)).not.toContain("203.0.113.7");
  });

  it("opens a new window after the old one ended; reset forgets the subject", async () => {
    const now = new Date();
    const { max, windowSeconds } = RATE_LIMITS.passwordPerAccount;
    for (let i = 0; i < max; i++) await hitRateLimit(t.db, "passwordPerAccount", "user-a", now);
    const over = await hitRateLimit(t.db, "passwordPerAccount", "user-a", new Date(now.getTime() + 1000));
    expect(over).toMatchObject({ allowed: false, retryAfterSeconds: windowSeconds - 1 });
    const later = new Date(now.getTime() + windowSeconds * 1000 + 1);
    expect(await hitRateLimit(t.db, "passwordPerAccount", "user-a", later)).toMatchObject({ allowed: true, count: 1 });
    await resetRateLimit(t.db, "passwordPerAccount", "user-a");
    expect(await t.db.rateLimitCounter.count({ where: { key: { startsWith: "passwordPerAccount:" } } })).toBe(0);
  });

  it("the shared 'direct' address (no trusted proxy) gets the scaled limit", async () => {
    const now = new Date();
    const { max } = RATE_LIMITS.siweNoncePerAddress;
    let last = await hitRateLimit(t.db, "siweNoncePerAddress", DIRECT_CLIENT, now);
    for (let i = 1; i < max * SHARED_ADDRESS_FACTOR; i++)
      last = await hitRateLimit(t.db, "siweNoncePerAddress", DIRECT_CLIENT, now);
    expect(last.allowed).toBe(true);
    expect((await hitRateLimit(t.db, "siweNoncePerAddress", DIRECT_CLIENT, now)).allowed).toBe(false);
  });

  it("answers 429 with Retry-After through route()", async () => {
    const now = new Date();
    const handler = route(async (_req: Request) => {
      await enforceRateLimits(t.db, [["redeemPerAccount", "user-b"]], now);
      return Response.json({ ok: true });
    });
    const req = () => new Request("http://localhost:3000/api/x", { method: "POST" });
    for (let i = 0; i < RATE_LIMITS.redeemPerAccount.max; i++) expect((await handler(req())).status).toBe(200);
    const res = await handler(req());
    expect(res.status).toBe(429);
    expect(Number(res.headers.get("retry-after"))).toBeGreaterThan(0);
    expect((await res.json()).error.code).toBe("rate_limited");
  });

  it("sweeps counters whose windows ended", async () => {
    const old = new Date(Date.now() - 2 * 24 * 3600 * 1000);
    await hitRateLimit(t.db, "signUpPerAddress", "198.51.100.1", old);
    expect(await sweepRateLimits(t.db)).toBeGreaterThanOrEqual(1);
  });
});
