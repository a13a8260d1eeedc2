/** Worker loops of the outbox: one sender per distinct platform signer address. */
import type { Abi } from "viem";
import { platformContracts } from "../server/contracts.ts";
import { requireSigners } from "../server/keys.ts";
import { createOutboxSender, finalityFrom } from "../server/outbox/index.ts";
import { reconcileOutboxWithChain } from "../server/outbox/reconcile.ts";
import type { WorkerContext } from "./context.ts";
import type { WorkerLoop } from "./loops.ts";

/**
 * Sender loops for the roles in OUTBOX_SIGNERS. Roles sharing one key share one loop (the sender
 * works per address). Lock key: `outbox-sender:<chainId>:<address>`.
 * @throws MissingSignerKeyError naming each missing key variable; NoDeploymentError for an unknown chain
 */
export function outboxSenderLoops(ctx: WorkerContext): WorkerLoop[] {
  const { env } = ctx;
  const contracts = platformContracts(env.CHAIN_ID);
  const abis: Abi[] = [contracts.CourseMarketplace.abi, contracts.CourseCertificate.abi, contracts.ESNToken.abi];
  const byAddress = new Map<string, ReturnType<typeof requireSigners>>();
  for (const signer of requireSigners(env.OUTBOX_SIGNERS, env)) {
    byAddress.set(signer.address, [...(byAddress.get(signer.address) ?? []), signer]);
  }
  return [...byAddress.entries()].flatMap(([address, signers]) => {
    const signer = signers[0];
    if (!signer) return [];
    const name = `outbox:${signers.map((s) => s.role).join("+")}`;
    const log = ctx.log.child(name);
    const sender = createOutboxSender({
      db: ctx.db,
      client: ctx.client,
      signer,
      chainId: env.CHAIN_ID,
      finality: finalityFrom(env),
      stuckAfterMs: env.OUTBOX_STUCK_AFTER_SECONDS * 1000,
      abis,
      log,
    });
    const loop: WorkerLoop = {
      name,
      lockKey: `outbox-sender:${env.CHAIN_ID}:${address}`,
      intervalMs: env.OUTBOX_POLL_INTERVAL_MS,
      tick: sender.tick,
      // A restarted dev chain (or a reorg past finality) lost transactions this signer had confirmed:
      // queue them again — inside this signer's lock, so a live sender elsewhere is never touched.
      async onAcquire() {
        const reset = await reconcileOutboxWithChain(ctx.db, ctx.client, address);
        if (Object.keys(reset).length) log.warn("chain lost platform transactions; sending them again", { reset });
      },
    };
    return [loop];
  });
}
