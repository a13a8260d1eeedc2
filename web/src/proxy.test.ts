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
    // Server actions within the limit do too; larger or undeclared ones never reach the proxy.
    const limit = SERVER_ACTION_BODY_LIMIT_BYTES;
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

  it("refuses a server action whose text payload is not JSON (400) and passes a well-formed one", async () => {
    const action = (body: string, type = "text/plain;charset=UTF-8") =>
      proxy(page({ method: "POST", headers: { "next-action": "40cf", "content-type": type }, body }));
    const junk = await action("{{{");
    expect(junk.status).toBe(400);
    expect(await junk.json()).toMatchObject({ error: { code: "bad_request" } });
    expect((await action('["de"]')).headers.get("x-middleware-next")).toBe("1");
    const multipart = await action("--x\r\n", "multipart/form-data; boundary=x");
    expect(multipart.headers.get("x-middleware-next")).toBe("1");
  });

  it("refuses a cross-site server action with 403", async () => {
    const res = await proxy(
      page({ method: "POST", headers: { origin: "https://evil.example", "next-action": "40cf" }, body: '["de"]' }),
    );
    expect(res.status).toBe(403);
  });
});
