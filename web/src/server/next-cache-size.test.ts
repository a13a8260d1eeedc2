import { describe, expect, it } from "vitest";
import { cacheMaxMemoryBytes } from "./next-cache-size.ts";
import { parseEnv } from "./env.ts";

describe("NEXT_CACHE_MAX_MEMORY_MB", () => {
  it("unset or empty keeps Next.js' default; MiB become bytes; 0 switches the memory copy off", () => {
    expect(cacheMaxMemoryBytes(undefined)).toBeUndefined();
    expect(cacheMaxMemoryBytes(" ")).toBeUndefined();
    expect(cacheMaxMemoryBytes("8")).toBe(8 * 1024 * 1024);
    expect(cacheMaxMemoryBytes("0")).toBe(0);
  });

  it("refuses anything but a whole number of MiB from 0 to 1024, naming the variable", () => {
    for (const bad of ["-1", "1.5", "8MB", "2048"]) {
      expect(() => cacheMaxMemoryBytes(bad)).toThrow(/NEXT_CACHE_MAX_MEMORY_MB/);
    }
  });

  it("is validated with the rest of the environment", () => {
    const base = { DATABASE_URL: "postgres://x@127.0.0.1/x" };
    expect(parseEnv({ ...base, NEXT_CACHE_MAX_MEMORY_MB: "8" }).NEXT_CACHE_MAX_MEMORY_MB).toBe(8);
    expect(() => parseEnv({ ...base, NEXT_CACHE_MAX_MEMORY_MB: "lots" })).toThrow(/NEXT_CACHE_MAX_MEMORY_MB/);
  });
});
