import { describe, expect, it } from "vitest";
import {
  cacheablePage,
  changesPublicPages,
  isCacheablePath,
  pageCacheRoute,
  pageCacheSecrets,
  pageFromRoute,
  withNonce,
} from "./page-cache.ts";

const COOKIE = "next-auth.session-token";
const HTML = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";
const req = (path: string, headers: Record<string, string> = {}, method = "GET") =>
  cacheablePage(method, new URL(`http://localhost:3000${path}`), new Headers({ accept: HTML, ...headers }), COOKIE);

describe("anonymous page cache", () => {
  it("caches only the home page, the bare catalog and course pages", () => {
    expect(isCacheablePath("/")).toBe(true);
    expect(isCacheablePath("/courses")).toBe(true);
    expect(isCacheablePath("/courses/git-novice")).toBe(true);
    for (const p of [
      "/courses/git-novice/x",
      "/courses/Git",
      "/courses/%2e%2e",
      "/dashboard",
      "/learn/x",
      "/courses/",
    ]) {
      expect(isCacheablePath(p), p).toBe(false);
    }
  });

  it("takes anonymous GET/HEAD page loads only: no query, session, RSC, prefetch or action", () => {
    expect(req("/courses")).toEqual({ path: "/courses", locale: "en" });
    expect(req("/", {}, "HEAD")).toEqual({ path: "/", locale: "en" });
    expect(req("/courses", {}, "POST")).toBeNull();
    expect(req("/courses?q=git")).toBeNull();
    expect(req("/courses", { cookie: `${COOKIE}=abc` })).toBeNull();
    expect(req("/courses", { cookie: `a=b; ${COOKIE}.0=abc` })).toBeNull();
    expect(req("/courses", { rsc: "1" })).toBeNull();
    expect(req("/courses", { "next-router-prefetch": "1" })).toBeNull();
    expect(req("/courses", { "next-action": "x" })).toBeNull();
    // RSC fetches of the client router (Next.js hides their RSC header from the proxy) do not ask for HTML
    expect(req("/courses", { accept: "*/*" })).toBeNull();
    expect(req("/courses", { accept: "text/x-component" })).toBeNull();
  });

  it("renders in the visitor's locale: cookie first, then Accept-Language", () => {
    expect(req("/courses", { "accept-language": "de-DE,de;q=0.9" })?.locale).toBe("de");
    expect(req("/courses", { cookie: "NEXT_LOCALE=en", "accept-language": "de" })?.locale).toBe("en");
    expect(req("/courses", { cookie: "NEXT_LOCALE=de" })?.locale).toBe("de");
    expect(req("/courses", { cookie: "NEXT_LOCALE=xx" })?.locale).toBe("en");
  });

  it("maps pages to handler routes and validates them back", () => {
    expect(pageCacheRoute({ path: "/", locale: "de" })).toBe("/page-cache/de");
    expect(pageCacheRoute({ path: "/courses/a-b", locale: "en" })).toBe("/page-cache/en/courses/a-b");
    expect(pageFromRoute("de", undefined)).toEqual({ path: "/", locale: "de" });
    expect(pageFromRoute("en", ["courses", "a-b"])).toEqual({ path: "/courses/a-b", locale: "en" });
    expect(pageFromRoute("xx", ["courses"])).toBeNull();
    expect(pageFromRoute("en", ["dashboard"])).toBeNull();
    expect(pageFromRoute("en", ["courses", "a", "b"])).toBeNull();
  });

  it("puts the response's nonce wherever the placeholder is, so the placeholder never leaves the server", () => {
    const p = "PLACEHOLDER_x";
    const html = `<script nonce="${p}">a</script><script>self.__next_f.push([1,"{\\"nonce\\":\\"${p}\\"}"])</script>`;
    const out = withNonce(html, p, "fresh==");
    expect(out).not.toContain(p);
    expect(out).toBe(html.replaceAll(p, "fresh=="));
  });

  it("derives stable 256-bit secrets from the auth secret", () => {
    const s = pageCacheSecrets("a-secret-of-at-least-32-characters-long");
    expect(s.marker).toMatch(/^[0-9a-f]{64}$/);
    expect(Buffer.from(s.placeholder, "base64url")).toHaveLength(32);
    expect(s.marker).not.toContain(s.placeholder);
  });

  it("expires cached pages after writes that can change them", () => {
    expect(changesPublicPages("POST", "/api/studio/courses/x/publish")).toBe(true);
    expect(changesPublicPages("PUT", "/api/studio/courses/x/pricing")).toBe(true);
    expect(changesPublicPages("POST", "/api/reviews/courses/git-novice")).toBe(true);
    expect(changesPublicPages("PUT", "/api/auth/provider")).toBe(true);
    expect(changesPublicPages("PUT", "/api/account/avatar")).toBe(true);
    expect(changesPublicPages("GET", "/api/studio/courses")).toBe(false);
    expect(changesPublicPages("POST", "/api/studio/markdown")).toBe(false);
    expect(changesPublicPages("POST", "/api/learning/progress")).toBe(false);
  });
});
