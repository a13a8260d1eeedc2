/**
 * Issue 13 §4 — multi-instance proof without a cluster: two web processes (`next start` of the production
 * build) and two worker processes against one PostgreSQL and the local Hardhat chain. 200 purchases: 140
 * card sales whose signed webhooks (each delivered ×3, shuffled) are spread over both web processes, 30
 * native and 30 ESN (permit) wallet purchases (10 wallet learners × 3 courses each). One worker is SIGKILLed half-way and NOT replaced: the survivor must take
 * over every loop it held (advisory locks released with the dead session). Run by `./run test` after the
 * production build (step "scale: …"; vitest.scale.config.ts).
 */
import { describe, expect, it } from "vitest";
import { runFaultScenario } from "../faults/scenario.ts";

describe("two web + two worker processes", () => {
  it("200 purchases → exactly 200 enrollments, no duplicates; the surviving worker takes over every loop", async () => {
    const r = await runFaultScenario({
      card: 140,
      native: 30,
      permit: 30,
      faultRate: 0,
      seed: 13,
      webProcesses: 2,
      replaceKilledWorker: false,
      restartPostgres: false,
      log: (l) => console.log(`[scale] ${l}`),
    });
    console.log(`[scale] ${JSON.stringify(r)}`);
    expect(r.enrollments).toEqual({ expected: 200, active: 200 });
    expect(r.losses).toEqual({ paidButLocked: 0, duplicateRecords: 0, outboxNotConfirmed: 0, onChainPurchases: 200 });
    expect(r.refunds).toBe(0);
    expect(r.faults.workerKills).toBe(1);
    expect(r.faults.workerStarts).toBe(2); // nobody replaced the killed worker
    expect(r.webhooks.byProcess).toHaveLength(2);
    expect(r.webhooks.byProcess).toEqual([210, 210]); // 420 deliveries, round-robin
    expect(r.takeover?.loops.length).toBeGreaterThan(0);
    console.log(`[scale] webhook 5xx answers redelivered: ${r.webhooks.redeliveries}`);
    console.log(`[scale] takeover of ${r.takeover?.loops.join(", ")} after ${r.takeover?.ms} ms`);
    expect(r.takeover!.ms).toBeLessThan(30_000);
  }, 600_000);
});
