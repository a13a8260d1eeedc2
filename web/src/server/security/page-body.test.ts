import { getRewrittenUrl, unstable_getResponseFromNextConfig } from "next/experimental/testing/server";
import { describe, expect, it } from "vitest";
import nextConfig from "../../../next.config.ts";
import {
  decimalGreaterThan,
  pageBodyRewrites,
  REFUSED_BODY_PATH,
  refusedBodyStatus,
  SERVER_ACTION_BODY_LIMIT_BYTES,
} from "./page-body.ts";
import { pageCacheRscRewrites } from "../page-cache.ts";

describe("decimalGreaterThan", () => {
  it("matches exactly the decimal strings above n (leading zeros allowed)", () => {
    for (const n of [0, 1, 9, 10, 99, 100, 1234, 999_999, 1_000_000, SERVER_ACTION_BODY_LIMIT_BYTES]) {
      const re = new RegExp(`^${decimalGreaterThan(n)}$`);
      const probes = [0, 1, n - 1, n, n + 1, n + 2, n * 10, n * 10 + 9, 10 ** String(n).length, Math.floor(n / 2)];
      for (let i = 0; i < 300; i++) probes.push(Math.floor(Math.random() * (n * 3 + 20)));
      for (const v of probes.filter((v) => v >= 0)) {
        expect(re.test(String(v)), `${v} > ${n}`).toBe(v > n);
        expect(re.test(`000${v}`), `000${v} > ${n}`).toBe(v > n);
      }
      expect(re.test("")).toBe(false);
      expect(re.test("12a")).toBe(false);
    }
  });
});

describe("refusedBodyStatus", () => {
  const h = (init: Record<string, string>) => new Headers(init);
  it("413 for an undeclared length or one above the limit, else 405", () => {
    expect(refusedBodyStatus(h({ "transfer-encoding": "chunked" }))).toBe(413);
    expect(refusedBodyStatus(h({ "content-length": String(SERVER_ACTION_BODY_LIMIT_BYTES + 1) }))).toBe(413);
    expect(refusedBodyStatus(h({ "content-length": "157286400" }))).toBe(413);
    expect(refusedBodyStatus(h({ "content-length": String(SERVER_ACTION_BODY_LIMIT_BYTES) }))).toBe(405);
    expect(refusedBodyStatus(h({ "content-length": "2" }))).toBe(405);
  });
});

describe("next.config.ts rewrites of page-path bodies", () => {
  const destination = async (url: string, headers: Record<string, string>) =>
    getRewrittenUrl(await unstable_getResponseFromNextConfig({ url, nextConfig, headers }));
  const refused = `https://example.com${REFUSED_BODY_PATH}`;

  it("sends chunked, oversized and non-action bodies on page paths to the refusal route", async () => {
    for (const path of ["/", "/courses", "/courses/x", "/learn/a/b", "/_next/static/x.js"]) {
      expect(await destination(path, { "transfer-encoding": "chunked" }), path).toBe(refused);
      expect(await destination(path, { "content-length": "157286400", "next-action": "abc" }), path).toBe(refused);
      expect(await destination(path, { "content-length": "12" }), path).toBe(refused);
    }
  });

  it("leaves requests without a body, server actions within the limit and API routes alone", async () => {
    expect(await destination("/courses", {})).toBeNull();
    expect(await destination("/courses", { "content-length": "0" })).toBeNull();
    const action = { "next-action": "40cf", "content-length": String(SERVER_ACTION_BODY_LIMIT_BYTES) };
    expect(await destination("/", action)).toBeNull();
    expect(await destination("/api/certificates/verify", { "transfer-encoding": "chunked" })).toBeNull();
    expect(await destination("/api/auth/signup", { "content-length": "157286400" })).toBeNull();
  });

  it("are exactly the rules of pageBodyRewrites(), then the page cache's RSC rules", async () => {
    const rewrites = await nextConfig.rewrites!();
    expect(Array.isArray(rewrites) ? rewrites : rewrites.beforeFiles).toEqual([
      ...pageBodyRewrites(),
      ...pageCacheRscRewrites(),
    ]);
  });

  it("send a client-router (RSC) request that the proxy rewrote to the page cache back to its page", async () => {
    const rsc = { rsc: "1" };
    const page = (p: string) => `https://example.com${p}`;
    expect(await destination("/page-cache/en/courses/git-novice", rsc)).toBe(page("/courses/git-novice"));
    expect(await destination("/page-cache/de/courses", rsc)).toBe(page("/courses"));
    expect(await destination("/page-cache/en", rsc)).toBe(page("/"));
    // A document request stays with the cache.
    expect(await destination("/page-cache/en/courses", {})).toBeNull();
  });
});
