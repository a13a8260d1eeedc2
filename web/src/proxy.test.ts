import { unstable_doesMiddlewareMatch } from "next/experimental/testing/server";
import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { config, proxy } from "./proxy.ts";
import { NON_ZERO_LENGTH } from "./server/security/page-body.ts";

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
    // Server actions (with a body) are left to Next.js; larger or undeclared ones are refused by the rewrites.
    expect(matches("/", { "next-action": "40cf", "content-length": "6" })).toBe(false);
  });

  it("uses a literal matcher pattern equal to the page-body rule", () => {
    expect(config.matcher[0]!.missing![0]!.value).toBe(NON_ZERO_LENGTH);
  });
});
