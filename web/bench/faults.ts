/**
 * `pnpm bench:faults` — runs the fault-injection scenario of issue 10 §5 (test/faults/scenario.ts) and
 * prints: operations, faults injected by kind, enrollments, refunds, losses (must all be 0) and the time
 * from the last operation to the settled state. Own embedded PostgreSQL and Hardhat node; nothing shared.
 * Run: `pnpm bench:faults [--card 40] [--native 30] [--permit 30] [--rate 0.2] [--seed 10]`.
 */
import { parseArgs } from "node:util";
import { runFaultScenario } from "../test/faults/scenario.ts";

const { values } = parseArgs({
  args: process.argv.slice(2).filter((a) => a !== "--"),
  options: {
    card: { type: "string", default: "40" },
    native: { type: "string", default: "30" },
    permit: { type: "string", default: "30" },
    rate: { type: "string", default: "0.2" },
    seed: { type: "string", default: "10" },
  },
});
const r = await runFaultScenario({
  card: Number(values.card),
  native: Number(values.native),
  permit: Number(values.permit),
  faultRate: Number(values.rate),
  seed: Number(values.seed),
  log: (l) => console.error(`… ${l}`),
});
const o = r.operations;
const f = r.faults;
const l = r.losses;
console.log(
  `operations        ${o.card + o.native + o.permit} purchases: ${o.card} card (${o.webhookDeliveries} webhook deliveries, ×3 shuffled), ${o.native} native, ${o.permit} ESN permit; ${o.outboxRows} outbox transactions`,
);
console.log(
  `faults injected   RPC: ${f.drop} dropped, ${f.error} errored, ${f.delay} delayed of ${f.requests} requests; ${f.workerKills} worker SIGKILL (${f.workerStarts} worker starts); ${f.postgresRestarts} PostgreSQL restart`,
);
console.log(`enrollments       ${r.enrollments.active} active of ${r.enrollments.expected} expected`);
console.log(`refunds           ${r.refunds}`);
console.log(
  `losses            paid-but-locked ${l.paidButLocked}, duplicate purchases ${l.duplicateRecords}, outbox rows not CONFIRMED ${l.outboxNotConfirmed} (on-chain purchases ${l.onChainPurchases})`,
);
console.log(
  `time to settle    ${(r.settleMs / 1000).toFixed(1)} s after the last operation (run ${(r.totalMs / 1000).toFixed(1)} s)`,
);
const lost = l.paidButLocked + l.duplicateRecords + l.outboxNotConfirmed;
if (lost > 0 || r.enrollments.active !== r.enrollments.expected) process.exitCode = 1;
