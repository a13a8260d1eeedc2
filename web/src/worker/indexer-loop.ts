/** Worker loop of the chain indexer (features/indexer): one per chain, under the advisory lock `indexer:<chainId>`. */
import { createIndexer } from "../features/indexer/indexer.ts";
import { indexerFinality } from "../features/indexer/config.ts";
import { platformContracts } from "../server/contracts.ts";
import type { WorkerContext } from "./context.ts";
import type { WorkerLoop } from "./loops.ts";

/**
 * The indexer loop for CHAIN_ID. Each tick indexes final blocks in INDEXER_BATCH_BLOCKS ranges until
 * caught up (at most 50 batches, then the next tick continues).
 * @throws NoDeploymentError when the generated contracts module has no deployment for CHAIN_ID
 */
export function indexerLoops(ctx: WorkerContext): WorkerLoop[] {
  const { env } = ctx;
  const log = ctx.log.child("indexer");
  const indexer = createIndexer({
    db: ctx.db,
    client: ctx.client,
    contracts: platformContracts(env.CHAIN_ID),
    finality: indexerFinality(env),
    batchBlocks: env.INDEXER_BATCH_BLOCKS,
    log,
  });
  return [
    {
      name: "indexer",
      lockKey: indexer.stream,
      intervalMs: env.INDEXER_POLL_INTERVAL_MS,
      async tick() {
        const r = await indexer.step();
        if (r.logs > 0 || r.rolledBack > 0n) {
          log.info("indexed", { logs: r.logs, batches: r.batches, cursor: r.cursor, rolledBack: r.rolledBack });
        }
        return r;
      },
    },
  ];
}
