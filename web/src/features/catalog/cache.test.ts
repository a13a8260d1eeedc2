import { describe, expect, it } from "vitest";
import { createTtlCache } from "./cache";

describe("createTtlCache", () => {
  it("serves a value until it expires, then loads again", async () => {
    let clock = 0;
    let loads = 0;
    const cache = createTtlCache<number>(1000, 10, () => clock);
    const load = async () => ++loads;
    expect(await cache.get("a", load)).toBe(1);
    clock = 999;
    expect(await cache.get("a", load)).toBe(1);
    clock = 1000;
    expect(await cache.get("a", load)).toBe(2);
  });

  it("shares one load between concurrent misses and does not keep failures", async () => {
    let loads = 0;
    const cache = createTtlCache<number>(1000, 10);
    const slow = () => new Promise<number>((r) => setTimeout(() => r(++loads), 10));
    expect(await Promise.all([cache.get("k", slow), cache.get("k", slow)])).toEqual([1, 1]);
    await expect(cache.get("bad", () => Promise.reject(new Error("db down")))).rejects.toThrow("db down");
    await Promise.resolve();
    expect(await cache.get("bad", async () => 7)).toBe(7);
  });

  it("evicts the oldest entries beyond max", async () => {
    const cache = createTtlCache<string>(1000, 2);
    for (const k of ["a", "b", "c"]) await cache.get(k, async () => k);
    expect(cache.size).toBe(2);
    expect(await cache.get("a", async () => "reloaded")).toBe("reloaded");
  });
});
