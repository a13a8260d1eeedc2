import { describe, expect, it } from "vitest";
import { checkHealth, type HealthDeps } from "./health.ts";

const healthy: HealthDeps = {
  pingDatabase: async () => {},
  chainInfo: async () => ({ chainId: 31337, latestBlock: 12n }),
  expectedChainId: 31337,
  storageDriver: "fs",
  pingStorage: async () => {},
};

describe("checkHealth", () => {
  it("reports ok with chain id and latest block", async () => {
    const r = await checkHealth(healthy);
    expect(r.status).toBe("ok");
    expect(r.failing).toEqual([]);
    expect(r.chain).toMatchObject({ ok: true, chainId: 31337, latestBlock: "12" });
  });

  it("names each failing dependency", async () => {
    const r = await checkHealth({
      ...healthy,
      pingDatabase: async () => {
        throw new Error("connection refused");
      },
      pingStorage: () => new Promise(() => {}),
      timeoutMs: 50,
    });
    expect(r.failing).toEqual(["database", "storage"]);
    expect(r.database.error).toBe("connection refused");
    expect(r.storage.error).toMatch(/timed out/);
  });

  it("treats a wrong chain id as a failing chain", async () => {
    const r = await checkHealth({ ...healthy, chainInfo: async () => ({ chainId: 1, latestBlock: 5n }) });
    expect(r.failing).toEqual(["chain"]);
    expect(r.chain.error).toMatch(/expected 31337/);
  });

  it("reports the chain and card payments as disabled (not failing) in offline mode", async () => {
    const r = await checkHealth({ ...healthy, chainInfo: null, offline: true, cardPayments: false });
    expect(r.status).toBe("ok");
    expect(r.failing).toEqual([]);
    expect(r.offline).toBe(true);
    expect(r.chain).toMatchObject({ ok: true, state: "disabled" });
    expect(r.cardPayments).toEqual({ state: "disabled" });
  });

  it("reports the worker's heartbeat as ok, stale or unknown without ever failing the web app", async () => {
    const now = new Date("2026-12-06T20:00:00Z");
    const at = (secondsAgo: number) => async () => new Date(now.getTime() - secondsAgo * 1000);
    const fresh = await checkHealth({ ...healthy, now: () => now, workerHeartbeat: at(12) });
    expect(fresh.worker).toEqual({ state: "ok", lastBeatAt: "2026-12-06T19:59:48.000Z", ageSeconds: 12 });
    const stale = await checkHealth({ ...healthy, now: () => now, workerHeartbeat: at(61) });
    expect(stale.worker).toMatchObject({ state: "stale", ageSeconds: 61 });
    expect(stale.failing).toEqual([]);
    expect(stale.status).toBe("ok");
    const never = await checkHealth({ ...healthy, workerHeartbeat: async () => null });
    expect(never.worker).toEqual({ state: "unknown", lastBeatAt: null, ageSeconds: null });
    const broken = await checkHealth({
      ...healthy,
      workerHeartbeat: async () => {
        throw new Error("relation does not exist");
      },
    });
    expect(broken.worker).toMatchObject({ state: "unknown", error: "relation does not exist" });
    expect((await checkHealth(healthy)).worker).toBeUndefined();
  });
});
