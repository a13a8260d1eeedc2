/**
 * Indexer finality: which blocks count as final.
 *
 * - INDEXER_CONFIRMATIONS=N set: a block is final once N blocks are mined on top (head − N).
 * - unset: the outbox rule (CHAIN_CONFIRMATIONS, else the node's `finalized` tag; 0 confirmations on the
 *   local Hardhat chain 31337). Hardhat automines one block per transaction, runs a single node and
 *   never reorganizes on its own, so waiting for confirmations there only adds latency; a manual
 *   `evm_revert` is still caught by the block-hash check. On Polygon use the `finalized` tag.
 */
import type { Env } from "@/server/env.ts";
import { finalityFrom, type Finality } from "@/server/outbox/finality.ts";

/** The indexer's finality rule from the environment. */
export function indexerFinality(
  env: Pick<Env, "INDEXER_CONFIRMATIONS" | "CHAIN_CONFIRMATIONS" | "CHAIN_ID">,
): Finality {
  if (env.INDEXER_CONFIRMATIONS !== undefined) return { kind: "confirmations", blocks: env.INDEXER_CONFIRMATIONS };
  return finalityFrom(env);
}
