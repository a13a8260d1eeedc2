import { describe, expect, it } from "vitest";
import { redactUrl, redactUrls } from "./redact.ts";

describe("redactUrl", () => {
  it("removes user-info, query strings, fragments and key-like path segments", () => {
    expect(redactUrl("https://user:s3cret@rpc.example.org/")).toBe("https://rpc.example.org/");
    expect(redactUrl("https://polygon-mainnet.infura.io/v3/0123456789abcdef0123456789abcdef")).toBe(
      "https://polygon-mainnet.infura.io/v3/***",
    );
    expect(redactUrl("https://rpc.example.org/rpc?apikey=abc&x=1#frag")).toBe("https://rpc.example.org/rpc?redacted");
    expect(redactUrl("http://127.0.0.1:8545")).toBe("http://127.0.0.1:8545");
    expect(redactUrl("not a url")).toBe("[invalid url]");
  });

  it("redacts every URL inside a text (viem error messages)", () => {
    const text =
      'HTTP request failed.\nURL: https://a:b@rpc.example.org/v2/ABCDEFGHIJKLMNOPQRSTUVWX?k=1.\nDetails: "x"';
    const out = redactUrls(text);
    expect(out).toContain("URL: https://rpc.example.org/v2/***?redacted.");
    expect(out).not.toMatch(/a:b@|ABCDEFGHIJ|k=1/);
  });
});
