/**
 * bench:scale — throughput of the checkout → unlock pipeline with 1 and with 2 web processes (production
 * build, `next start`), two workers, one PostgreSQL, the local chain: signed card webhooks delivered over
 * HTTP (round-robin) plus wallet purchases, no faults. Prints webhook deliveries per second and the card
 * unlock latency (last delivery → enrollment ACTIVE) p50/p95. Needs `pnpm build` first. Asserts nothing.
 *
 *   ./run --filter @smolitux/web bench:scale [-- --card 140]
 */
import { parseArgs } from "node:util";
import { runFaultScenario } from "../test/faults/scenario.ts";

const { values } = parseArgs({ options: { card: { type: "string", default: "140" } } });
const card = Number(values.card);
const rows: string[] = [];
for (const webProcesses of [1, 2]) {
  const r = await runFaultScenario({
    card,
    native: 30,
    permit: 30,
    faultRate: 0,
    webProcesses,
    killWorker: false,
    restartPostgres: false,
  });
  if (r.losses.paidButLocked || r.losses.duplicateRecords)
    console.error(`LOSSES with ${webProcesses} web: ${JSON.stringify(r.losses)}`);
  rows.push(
    `${String(webProcesses).padStart(3)} web  ${String(r.operations.webhookDeliveries).padStart(5)} deliveries  ${String(r.webhooks.perSecond).padStart(7)} req/s  ` +
      `unlock p50 ${String(r.unlockMs.p50).padStart(6)} ms  p95 ${String(r.unlockMs.p95).padStart(6)} ms  settle ${r.settleMs} ms  (${r.enrollments.active}/${r.enrollments.expected} enrolled)`,
  );
}
console.log(`\ncheckout → unlock, ${card} card sales (webhooks ×3) + 60 wallet purchases, 2 workers:`);
for (const row of rows) console.log(row);
