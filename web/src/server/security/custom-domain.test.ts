import { describe, expect, it } from "vitest";
import { normalizeCustomDomain } from "@/features/storefronts/schemas.ts";
import { customDomainAction, DOMAIN_REDIRECT_ROUTE, domainRedirectLocation } from "./custom-domain.ts";

const APP = "https://academy.example.com";

describe("custom domains", () => {
  it("serves the app for its own host, loopback names and IP literals", () => {
    for (const host of [
      "academy.example.com",
      "academy.example.com:443",
      "localhost:3000",
      "127.0.0.1:3100",
      "[::1]:3000",
      "10.0.0.7",
    ])
      expect(customDomainAction("GET", host, APP, "/", ""), host).toEqual({ kind: "none" });
    expect(customDomainAction("GET", null, APP, "/", "")).toEqual({ kind: "none" });
    expect(customDomainAction("GET", "localhost:4710", "http://localhost:4710", "/courses", "")).toEqual({
      kind: "none",
    });
  });

  it("shows the storefront at / of another host and sends every other path to APP_URL", () => {
    expect(customDomainAction("GET", "Learn.Provider.ORG", APP, "/", "")).toEqual({
      kind: "storefront",
      host: "learn.provider.org",
      path: "/storefront-domain/learn.provider.org",
    });
    expect(customDomainAction("GET", "learn.provider.org", APP, "/courses/git", "?a=1")).toEqual({
      kind: "redirect",
      location: "https://academy.example.com/courses/git?a=1",
    });
    expect(customDomainAction("GET", "learn.provider.org", APP, "//evil.example/x", "")).toEqual({
      kind: "redirect",
      location: "https://academy.example.com//evil.example/x",
    });
    expect(customDomainAction("POST", "learn.provider.org", APP, "/", "").kind).toBe("redirect");
    expect(customDomainAction("GET", "learn.provider.org", APP, "/storefront-domain/learn.provider.org", "")).toEqual({
      kind: "none",
    });
    // junk in Host never becomes a rewrite target
    expect(customDomainAction("GET", "evil.org/../x", APP, "/", "")).toEqual({ kind: "none" });
  });

  it("answers the redirect with an absolute Location on APP_URL, whatever the forwarded path says", () => {
    expect(customDomainAction("GET", "learn.provider.org", APP, DOMAIN_REDIRECT_ROUTE, "")).toEqual({ kind: "none" });
    expect(domainRedirectLocation("/courses?q=git", "http://localhost:4510")).toBe(
      "http://localhost:4510/courses?q=git",
    );
    expect(domainRedirectLocation("/courses", `${APP}/some/base`)).toBe(`${APP}/courses`);
    expect(domainRedirectLocation("//evil.example/x", APP)).toBe(`${APP}//evil.example/x`);
    for (const bad of [null, "", "courses", "https://evil.example/", "/a b", "/a\nLocation: x", "/" + "a".repeat(9000)])
      expect(domainRedirectLocation(bad, APP), String(bad)).toBeNull();
  });

  it("accepts only real host names that are not the platform's", () => {
    expect(normalizeCustomDomain(" Learn.Provider.org. ", "academy.example.com")).toEqual({
      domain: "learn.provider.org",
      problem: null,
    });
    for (const bad of [
      "localhost",
      "provider",
      "1.2.3.4",
      "::1",
      "a..b.org",
      "-a.org",
      "a-.org",
      "x.org:8080",
      "https://x.org",
      "x.123",
      "a_b.org",
      "x".repeat(64) + ".org",
    ])
      expect(normalizeCustomDomain(bad, "academy.example.com").problem, bad).toBe("invalid_domain");
    for (const own of ["academy.example.com", "shop.academy.example.com", "a.localhost"])
      expect(normalizeCustomDomain(own, "academy.example.com").problem, own).not.toBeNull();
  });
});
