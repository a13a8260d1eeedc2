import { unstable_doesMiddlewareMatch } from "next/experimental/testing/server";
import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { config, proxy } from "./proxy.ts";
import { decimalGreaterThan, NON_ZERO_LENGTH, SERVER_ACTION_BODY_LIMIT_BYTES } from "./server/security/page-body.ts";

const page = (init: RequestInit = {}) => new NextRequest("http://localhost:3000/courses", init as never);

describe("proxy (pages)", () => {
  it("sends a fresh nonce per request in the CSP and hands the same nonce to the renderer", async () => {
    const a = await proxy(page());
    const b = await proxy(page());
    const nonceOf = (csp: string | null) => /'nonce-([^']+)'/.exec(csp ?? "")?.[1];
    const na = nonceOf(a.headers.get("content-security-policy"));
    expect(na).toMatch(/^[A-Za-z0-9+/]{22}==$/);
    expect(nonceOf(b.headers.get("content-security-policy"))).not.toBe(na);
    // NextResponse.next({ request: { headers } }) forwards overridden request headers as x-middleware-request-*.
    expect(a.headers.get("x-middleware-request-x-nonce")).toBe(na);
    expect(nonceOf(a.headers.get("x-middleware-request-content-security-policy"))).toBe(na);
    const csp = a.headers.get("content-security-policy")!;
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toMatch(/script-src[^;]*'unsafe-inline'/);
    expect(a.headers.get("x-content-type-options")).toBe("nosniff");
    expect(a.headers.get("referrer-policy")).toBe("strict-origin-when-cross-origin");
    expect(a.headers.get("permissions-policy")).toContain("camera=()");
  });

  it("refuses a cross-site body-less POST with 403", async () => {
    const res = await proxy(page({ method: "POST", headers: { origin: "https://evil.example" } }));
    expect(res.status).toBe(403);
    expect(await res.json()).toMatchObject({ error: { code: "forbidden" } });
  });

  it("runs for pages, not for API routes, static chunks or requests with a body", () => {
    const matches = (url: string, headers = {}) => unstable_doesMiddlewareMatch({ config, url, headers });
    expect(matches("/")).toBe(true);
    expect(matches("/learn/git-novice/l1")).toBe(true);
    expect(matches("/api/health")).toBe(false);
    expect(matches("/_next/static/chunks/a.js")).toBe(false);
    // No favicon file exists: its 404 is an HTML page and gets the page headers.
    expect(matches("/favicon.ico")).toBe(true);
    expect(matches("/courses", { "content-length": "10" })).toBe(false);
    expect(matches("/courses", { "transfer-encoding": "chunked" })).toBe(false);
    // Body-less POSTs (fetch sends Content-Length: 0) get the CSRF check.
    expect(matches("/courses", { "content-length": "0" })).toBe(true);
    // Server actions within the limit do too; larger or undeclared ones never reach the proxy (the rewrites
    // refuse them from their headers).
    const limit = SERVER_ACTION_BODY_LIMIT_BYTES;
    expect(matches("/", { "next-action": "40cf", "content-length": "6" })).toBe(true);
    expect(matches("/", { "next-action": "40cf", "content-length": String(limit) })).toBe(true);
    expect(matches("/", { "next-action": "40cf", "content-length": String(limit + 1) })).toBe(false);
    expect(matches("/", { "next-action": "40cf", "content-length": "157286400" })).toBe(false);
    expect(matches("/", { "next-action": "40cf", "transfer-encoding": "chunked" })).toBe(false);
  });

  it("uses literal matcher patterns equal to the page-body rules", () => {
    const [bodyless, action] = config.matcher;
    expect(bodyless!.missing![0]!.value).toBe(NON_ZERO_LENGTH);
    expect(action!.missing!.find((m) => m.key === "content-length")!.value).toBe(
      decimalGreaterThan(SERVER_ACTION_BODY_LIMIT_BYTES),
    );
  });
});

describe("proxy (server actions)", () => {
  const action = (body: string, headers: Record<string, string> = {}, method = "POST") =>
    proxy(
      page({
        method,
        headers: {
          host: "localhost:3000",
          origin: "http://localhost:3000",
          "next-action": "40cf",
          "content-type": "text/plain;charset=UTF-8",
          ...headers,
        },
        body,
      }),
    );

  it("passes a well-formed action without touching its request headers, with the security headers", async () => {
    const res = await action('["de"]');
    expect(res.headers.get("x-middleware-next")).toBe("1");
    expect(res.headers.get("x-middleware-override-headers")).toBeNull();
    expect(res.headers.get("content-security-policy")).toContain("default-src 'none'");
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
  });

  it("refuses a payload Next.js cannot decode with 400", async () => {
    for (const body of ["{{{", "5", '["$1"]', '["$nabc"]']) {
      const res = await action(body);
      expect(res.status, body).toBe(400);
      expect(await res.json()).toMatchObject({ error: { code: "bad_request" } });
    }
    const multipart = await action("--x\r\n", { "content-type": "multipart/form-data; boundary=x" });
    expect(multipart.status).toBe(400);
  });

  it("refuses a cross-site action, and one whose Origin is not its Host, with 403", async () => {
    expect((await action('["de"]', { origin: "https://evil.example" })).status).toBe(403);
    expect((await action('["de"]', { origin: "::::" })).status).toBe(403);
    const res = await action('["de"]', { host: "evil.example" });
    expect(res.status).toBe(403);
    expect(res.headers.get("content-security-policy")).toContain("default-src 'none'");
  });

  it("accepts an action from a storefront's custom domain sent to that domain (same origin), not from elsewhere", async () => {
    const onDomain = { host: "school.example", origin: "https://school.example" };
    expect((await action('["de"]', onDomain)).headers.get("x-middleware-next")).toBe("1");
    expect((await action('["de"]', { ...onDomain, origin: "https://evil.example" })).status).toBe(403);
    expect((await action('["de"]', { host: "school.example", origin: "http://localhost:3000" })).status).toBe(403);
    // A body-less POST from that domain is not an action: the CSRF rule (APP_URL only) applies.
    const post = await proxy(page({ method: "POST", headers: onDomain }));
    expect(post.status).toBe(403);
  });

  it("refuses a Next-Action header on another method with a body (405); GET passes as a page", async () => {
    const put = await action('["de"]', {}, "PUT");
    expect(put.status).toBe(405);
    expect(put.headers.get("allow")).toBe("GET, HEAD");
    const get = await proxy(page({ headers: { "next-action": "40cf" } }));
    expect(get.headers.get("x-middleware-request-x-nonce")).toBeTruthy();
  });
});
