/**
 * Progress of a mined transaction toward finality, for the checkout's progress indicator. The indexer
 * unlocks the course only from final blocks; this module only describes how far the transaction is.
 */

/** How the app decides finality: N confirmations (CHAIN_CONFIRMATIONS) or the node's `finalized` tag. */
export type FinalityRule = { kind: "confirmations"; confirmations: number } | { kind: "finalized" };

/** Progress of one transaction. `confirmations` counts the tx block itself (1 = just mined). */
export interface FinalityProgress {
  confirmations: number;
  /** confirmations needed (the `finalized` rule: blocks up to the finalized head, at least 1) */
  required: number;
  final: boolean;
  /** 0..100, for a progress bar */
  percent: number;
}

/**
 * Finality progress of a transaction mined in `txBlock`.
 * @param head latest block number
 * @param finalizedHead the node's `finalized` block number (used by the `finalized` rule; null = unknown)
 */
export function finalityProgress(
  rule: FinalityRule,
  txBlock: bigint,
  head: bigint,
  finalizedHead: bigint | null,
): FinalityProgress {
  const confirmations = head >= txBlock ? Number(head - txBlock + 1n) : 0;
  if (rule.kind === "confirmations") {
    // 0 configured confirmations: the block itself is enough (local chain)
    const required = Math.max(1, rule.confirmations);
    const final = confirmations >= required;
    return { confirmations, required, final, percent: pct(confirmations, required) };
  }
  const final = finalizedHead !== null && finalizedHead >= txBlock;
  // the finalized head trails the latest head by `lag` blocks: a tx needs about lag + 1 confirmations
  const lag = finalizedHead !== null && head >= finalizedHead ? Number(head - finalizedHead) : 0;
  const required = Math.max(1, lag + 1);
  return { confirmations, required, final, percent: final ? 100 : Math.min(99, pct(confirmations, required)) };
}

function pct(done: number, required: number): number {
  return Math.min(100, Math.floor((done * 100) / required));
}
