import net from "node:net";
import { describe, expect, it } from "vitest";
import { freePort, freePortExcept, portInUse } from "./ports.ts";

describe("stack ports", () => {
  it("never hands out a reserved port, even when the OS offers it again", async () => {
    const offers = [5432, 5432, 8545, 40001];
    const pick = async () => offers.shift() ?? 0;
    expect(await freePortExcept([5432, 8545], pick)).toBe(40001);
    await expect(freePortExcept([1], async () => 1)).rejects.toThrow(/no free TCP port/);
  });

  it("finds a bindable port and detects one in use", async () => {
    const port = await freePort();
    expect(await portInUse(port)).toBe(false);
    const server = net.createServer().listen(port, "127.0.0.1");
    await new Promise((r) => server.once("listening", r));
    try {
      expect(await portInUse(port)).toBe(true);
    } finally {
      server.close();
    }
  });
});
