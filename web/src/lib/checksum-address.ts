/**
 * Memoized EIP-55 checksumming for hot loops (the chain indexer sees the same few thousand addresses per
 * batch): a plain Map by lowercase address, bounded, so each distinct address is hashed once per process.
 * viem's `getAddress` keeps its own LRU whose reordering on every hit costs more than the hash it saves
 * when a batch touches more addresses than it holds.
 */
import { getAddress, isAddress, type Address } from "viem";

const MAX_ENTRIES = 100_000;
const cache = new Map<string, Address>();

/**
 * The checksummed form of `value` (any case).
 * @throws viem InvalidAddressError when `value` is not a 20-byte hex address
 */
export function checksumAddress(value: string): Address {
  const key = value.toLowerCase();
  let out = cache.get(key);
  if (!out) {
    out = getAddress(key);
    if (cache.size >= MAX_ENTRIES) cache.clear();
    cache.set(key, out);
  }
  return out;
}

/** Whether `value` is a 20-byte hex address (any case; cached addresses answer without re-validation). */
export function isAddressLoose(value: string): boolean {
  return cache.has(value.toLowerCase()) || isAddress(value, { strict: false });
}
