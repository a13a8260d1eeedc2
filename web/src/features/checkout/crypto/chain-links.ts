/**
 * Links per chain id (pure, server and client): the block explorer of transactions and addresses, and
 * where to get each payment currency. Polygon PoS (137) → polygonscan.com, Polygon Amoy (80002) →
 * amoy.polygonscan.com (Polygon's faucet for test POL); the local Hardhat chain (31337) has neither — the
 * buy box offers the local test faucet there instead.
 */
import type { CryptoCurrency } from "./config.ts";

interface ChainLinks {
  /** explorer base URL without trailing slash; null: no public explorer */
  explorer: string | null;
  /** where a learner gets each currency on this chain */
  getTokens: Partial<Record<CryptoCurrency, string>>;
}

const CHAIN_LINKS: Readonly<Record<number, ChainLinks>> = {
  137: { explorer: "https://polygonscan.com", getTokens: { POL: "https://polygon.technology/pol-token" } },
  80002: { explorer: "https://amoy.polygonscan.com", getTokens: { POL: "https://faucet.polygon.technology/" } },
};

/** The explorer page of transaction `hash` on `chainId`, or null when the chain has no public explorer. */
export function txExplorerUrl(chainId: number, hash: string): string | null {
  const base = CHAIN_LINKS[chainId]?.explorer;
  return base ? `${base}/tx/${hash}` : null;
}

/** The explorer page of `address` on `chainId`, or null when the chain has no public explorer. */
export function addressExplorerUrl(chainId: number, address: string): string | null {
  const base = CHAIN_LINKS[chainId]?.explorer;
  return base ? `${base}/address/${address}` : null;
}

/** Where to get `currency` on `chainId` (exchange, faucet), or null when none is configured. */
export function getTokensUrl(chainId: number, currency: CryptoCurrency): string | null {
  return CHAIN_LINKS[chainId]?.getTokens[currency] ?? null;
}

/** How much is missing to pay `price` from `balance` (same units), 0 when the balance suffices. */
export function shortfall(balance: bigint, price: bigint): bigint {
  return balance >= price ? 0n : price - balance;
}
