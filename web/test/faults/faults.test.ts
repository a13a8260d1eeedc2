/**
 * Issue 10 §5 — fault injection: 100 mixed purchases (40 card with every webhook delivered ×3 out of
 * order, 30 native, 30 ESN permit) while two worker processes run, one is SIGKILLed mid-run, 20 % of
 * RPC responses are dropped/errored/delayed and PostgreSQL restarts once. Expect exactly 100 active
 * enrollments, no duplicate purchase, no paid-but-locked learner, every outbox row CONFIRMED, no refund.
 * (Runs its own embedded PostgreSQL, independent of TEST_DATABASE_URL, because it restarts it.)
 */
import { describe, expect, it } from "vitest";
import { runFaultScenario } from "./scenario.ts";

describe("fault injection", () => {
  it("every paid purchase ends unlocked exactly once under worker kills, RPC faults and a PostgreSQL restart", async () => {
    const r = await runFaultScenario({ seed: 10, log: (l) => console.log(`[faults] ${l}`) });
    console.log(`[faults] ${JSON.stringify(r)}`);
    expect(r.enrollments).toEqual({ expected: 100, active: 100 });
    expect(r.losses).toEqual({ paidButLocked: 0, duplicateRecords: 0, outboxNotConfirmed: 0, onChainPurchases: 100 });
    expect(r.refunds).toBe(0);
    expect(r.faults.workerKills).toBe(1);
    expect(r.faults.drop + r.faults.error + r.faults.delay).toBeGreaterThan(0);
    expect(r.operations.webhookDeliveries).toBe(120);
  }, 300_000);
});
