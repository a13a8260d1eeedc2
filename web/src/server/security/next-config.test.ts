import { unstable_getResponseFromNextConfig } from "next/experimental/testing/server";
import { describe, expect, it } from "vitest";
import nextConfig from "../../../next.config.ts";
import { PERMISSIONS_POLICY, STATIC_ASSET_POLICY } from "./headers.ts";

const headersOf = async (url: string) => (await unstable_getResponseFromNextConfig({ url, nextConfig })).headers;

describe("next.config.ts headers", () => {
  it("sets the constant headers on every path", async () => {
    for (const url of ["/", "/courses/x", "/api/health", "/_next/static/chunks/a.js", "/favicon.ico"]) {
      const h = await headersOf(url);
      expect(h.get("x-content-type-options"), url).toBe("nosniff");
      expect(h.get("referrer-policy"), url).toBe("strict-origin-when-cross-origin");
      expect(h.get("permissions-policy"), url).toBe(PERMISSIONS_POLICY);
    }
  });

  it("gives the paths the proxy skips a fixed CSP and X-Frame-Options, and pages/API routes none (no second CSP)", async () => {
    for (const url of ["/_next/static/chunks/a.js", "/_next/static/media/font.woff2", "/_next/image"]) {
      const h = await headersOf(url);
      expect(h.get("content-security-policy"), url).toBe(STATIC_ASSET_POLICY);
      expect(h.get("x-frame-options"), url).toBe("DENY");
    }
    for (const url of ["/", "/courses/x", "/favicon.ico", "/api/health", "/api/media/x"]) {
      const h = await headersOf(url);
      expect(h.get("content-security-policy"), url).toBeNull();
      expect(h.get("x-frame-options"), url).toBeNull();
    }
  });
});
