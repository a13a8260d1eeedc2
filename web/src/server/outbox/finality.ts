/**
 * When a mined transaction counts as final.
 *
 * - `CHAIN_CONFIRMATIONS=N` set: final once N blocks are mined on top of the transaction's block
 *   (N = 0: final as soon as mined).
 * - unset: on the local Hardhat chain (31337, instant automine, no reorgs) N = 0; on every other chain
 *   the node's `finalized` block tag (Polygon PoS milestones, Ethereum consensus finality) decides.
 */
import type { Env } from "../env.ts";

/** Finality rule of the sender. */
export type Finality = { kind: "confirmations"; blocks: number } | { kind: "finalized" };

/** The finality rule configured by CHAIN_CONFIRMATIONS / CHAIN_ID. */
export function finalityFrom(env: Pick<Env, "CHAIN_CONFIRMATIONS" | "CHAIN_ID">): Finality {
  if (env.CHAIN_CONFIRMATIONS !== undefined) return { kind: "confirmations", blocks: env.CHAIN_CONFIRMATIONS };
  return env.CHAIN_ID === 31337 ? { kind: "confirmations", blocks: 0 } : { kind: "finalized" };
}

/** Minimal chain reader needed to evaluate finality. */
export interface FinalityReader {
  getBlockNumber(args?: { cacheTime?: number }): Promise<bigint>;
  getBlock(args: { blockTag: "finalized" }): Promise<{ number: bigint | null }>;
}

/**
 * The highest block number that is final under `finality` (a transaction in a block ≤ this is final).
 * @throws the RPC error when the node does not support the `finalized` tag (set CHAIN_CONFIRMATIONS)
 */
export async function lastFinalBlock(client: FinalityReader, finality: Finality): Promise<bigint> {
  if (finality.kind === "finalized") {
    const block = await client.getBlock({ blockTag: "finalized" });
    return block.number ?? -1n;
  }
  return (await client.getBlockNumber({ cacheTime: 0 })) - BigInt(finality.blocks);
}
