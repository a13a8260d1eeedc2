import { describe, expect, it } from "vitest";
import { safeRedirectPath, safeRedirectUrl } from "./safe-redirect.ts";

const APP = "https://academy.example";

describe("safeRedirectPath", () => {
  it("keeps same-origin paths and absolute URLs on APP_URL (as paths)", () => {
    expect(safeRedirectPath("/courses?q=git#x", APP)).toBe("/courses?q=git#x");
    expect(safeRedirectPath("https://academy.example/learn/a", APP)).toBe("/learn/a");
    expect(safeRedirectPath("/a/../b", APP)).toBe("/b");
  });

  it.each([
    "https://evil.example/",
    "//evil.example/x",
    "/\\evil.example",
    "\\\\evil.example",
    "javascript:alert(1)",
    "http://academy.example/",
    "/ok\r\nSet-Cookie: x=1",
    "/tab\there",
    "/\u0000",
    "",
    "x".repeat(3000),
  ])("sends %j to the fallback", (value) => {
    expect(safeRedirectPath(value, APP)).toBe("/");
  });

  it("never returns a control character, and builds absolute URLs for next-auth", () => {
    expect(safeRedirectPath("/caf\u00e9 \u2028", APP)).toBe("/caf%C3%A9%20%E2%80%A8");
    expect(safeRedirectUrl("//evil.example", APP)).toBe("https://academy.example/");
    expect(safeRedirectUrl("/dashboard", APP)).toBe("https://academy.example/dashboard");
  });

  it("works without APP_URL for relative values (browser code)", () => {
    expect(safeRedirectPath("/redeem")).toBe("/redeem");
    expect(safeRedirectPath("//evil.example")).toBe("/");
  });
});
