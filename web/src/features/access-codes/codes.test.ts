import { describe, expect, it } from "vitest";
import { CROCKFORD, generateCode, hashCode, normalizeCode } from "./codes.ts";

describe("access code format", () => {
  it("generates grouped 12-symbol Crockford codes that normalize to themselves", () => {
    const seen = new Set<string>();
    for (let i = 0; i < 200; i++) {
      const code = generateCode();
      expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/);
      expect(normalizeCode(code)).toBe(code.replace(/-/g, ""));
      seen.add(code);
    }
    expect(seen.size).toBe(200);
    expect(CROCKFORD).not.toMatch(/[ILOU]/);
  });

  it("accepts sloppy input (case, spaces, look-alikes) and rejects malformed codes", () => {
    expect(normalizeCode(" abcd-efgh-jk0l ")).toBe("ABCDEFGHJK01");
    expect(normalizeCode("oooo iiii 2222")).toBe("000011112222");
    expect(normalizeCode("ABCD-EFGH-JKM")).toBeNull();
    expect(normalizeCode("ABCD-EFGH-JKMU")).toBeNull();
  });

  it("stores only a sha256 of the normalized code", () => {
    expect(hashCode("ABCDEFGHJK01")).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(hashCode("ABCDEFGHJK01")).not.toContain("ABCD");
  });
});
