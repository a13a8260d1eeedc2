import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it, vi } from "vitest";
import {
  fetchCachedPage,
  PAGE_CACHE_BUILD_HEADER,
  cacheablePage,
  changesPublicPages,
  forgetPages,
  invalidatePublicPages,
  memoryGeneration,
  memoryTtlMs,
  PAGE_MEMORY_BUDGET_BYTES,
  recallPage,
  rememberPage,
  isCacheablePath,
  pageCacheRoute,
  pageCacheSecrets,
  pageFromRoute,
  withNonce,
  cachedPageHeaders,
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
    // a browser's fetch() (the client router) says it is not for a document, whatever it accepts
    expect(req("/courses", { "sec-fetch-dest": "empty" })).toBeNull();
    expect(req("/courses", { "sec-fetch-dest": "document" })).toEqual({ path: "/courses", locale: "en" });
  });

  it("answers its in-process copies with Next.js's Vary (the RSC payload of the URL is another answer)", () => {
    const vary = cachedPageHeaders("text/html").vary!.toLowerCase();
    for (const h of ["rsc", "next-router-state-tree", "next-router-prefetch", "cookie", "accept-language"]) {
      expect(vary).toContain(h);
    }
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

  describe("in-process copies (answered by the proxy)", () => {
    const P = "PLACEHOLDER_y";
    const page = { path: "/courses", locale: "en" as const };
    const ok = (html: string) => ({ status: 200, html, contentType: "text/html; charset=utf-8", location: null });

    it("answer a remembered page with each response's nonce until the TTL ends", () => {
      forgetPages();
      const t0 = 1_000_000;
      rememberPage(page, ok(`<script nonce="${P}">x</script>"${P}"`), P, memoryGeneration(), t0);
      expect(recallPage(page, "n1", 10_000, t0 + 1)?.html).toBe(`<script nonce="n1">x</script>"n1"`);
      expect(recallPage(page, "n2", 10_000, t0 + 9_999)?.html).toBe(`<script nonce="n2">x</script>"n2"`);
      expect(recallPage({ path: "/courses", locale: "de" }, "n", 10_000, t0 + 1)).toBeNull();
      expect(recallPage(page, "n3", 10_000, t0 + 10_000)).toBeNull();
      expect(recallPage(page, "n3", 10_000, t0 + 1)).toBeNull(); // expired copies are gone
    });

    it("never keep redirects, errors, or an answer fetched before a write", async () => {
      forgetPages();
      rememberPage(page, { ...ok("x"), status: 404 }, P, memoryGeneration());
      rememberPage(page, { ...ok("x"), status: 200, location: "/elsewhere" }, P, memoryGeneration());
      expect(recallPage(page, "n", 10_000)).toBeNull();
      const before = memoryGeneration();
      rememberPage(page, ok("old"), P, before);
      expect(recallPage(page, "n", 10_000)?.html).toBe("old");
      await invalidatePublicPages(); // a write: drops the copies (no Next.js request scope here for revalidateTag)
      expect(recallPage(page, "n", 10_000)).toBeNull();
      rememberPage(page, ok("rendered before the write"), P, before);
      expect(recallPage(page, "n", 10_000)).toBeNull();
    });

    it("stay within the memory budget, least recently used out", () => {
      forgetPages();
      const big = "x".repeat(PAGE_MEMORY_BUDGET_BYTES / 2 / 5); // a fifth of the budget each (2 bytes a char)
      const g = memoryGeneration();
      for (let i = 0; i < 5; i++) rememberPage({ path: `/courses/c${i}`, locale: "en" }, ok(big), P, g);
      expect(recallPage({ path: "/courses/c0", locale: "en" }, "n", 10_000)).not.toBeNull(); // c0 used: c1 is oldest
      rememberPage({ path: "/courses/c5", locale: "en" }, ok(big), P, g);
      expect(recallPage({ path: "/courses/c1", locale: "en" }, "n", 10_000)).toBeNull();
      for (const i of [0, 2, 3, 4, 5])
        expect(recallPage({ path: `/courses/c${i}`, locale: "en" }, "n", 10_000)).not.toBeNull();
    });

    it("live at most 10 s and never longer than PAGE_CACHE_SECONDS", () => {
      expect(memoryTtlMs(300)).toBe(10_000);
      expect(memoryTtlMs(3)).toBe(3_000);
      expect(memoryTtlMs(0)).toBe(0);
    });
  });
});

describe("page cache across builds", () => {
  it("keys the internal render by the running build, so a new build never answers with the previous one's pages", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "page-cache-build-"));
    mkdirSync(path.join(dir, ".next"));
    writeFileSync(path.join(dir, ".next", "BUILD_ID"), "build-42\n");
    const seen: Headers[] = [];
    vi.stubGlobal("fetch", async (_url: string, init: RequestInit) => {
      seen.push(new Headers(init.headers));
      return new Response("<html></html>", { status: 200, headers: { "content-type": "text/html" } });
    });
    const cwd = process.cwd();
    process.chdir(dir);
    try {
      await fetchCachedPage({ path: "/", locale: "en" }, pageCacheSecrets("secret"), 300);
    } finally {
      process.chdir(cwd);
      vi.unstubAllGlobals();
      rmSync(dir, { recursive: true, force: true });
    }
    expect(seen).toHaveLength(1);
    expect(seen[0]?.get(PAGE_CACHE_BUILD_HEADER)).toBe("build-42");
  });
});
