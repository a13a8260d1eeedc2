/** viem clients for the configured chain (RPC_URL, CHAIN_ID). */
import { createPublicClient, defineChain, http, type PublicClient } from "viem";
import { hardhat, polygon, polygonAmoy } from "viem/chains";
import { env } from "./env.ts";

/** The viem chain object for a chain id (Hardhat 31337, Polygon Amoy 80002, Polygon 137). */
export function chainFor(chainId: number, rpcUrl: string) {
  const known = [hardhat, polygonAmoy, polygon].find((c) => c.id === chainId);
  return (
    known ??
    defineChain({
      id: chainId,
      name: `Chain ${chainId}`,
      nativeCurrency: { name: "Native", symbol: "ETH", decimals: 18 },
      rpcUrls: { default: { http: [rpcUrl] } },
    })
  );
}

let client: PublicClient | undefined;

/** Shared read-only client for RPC_URL. */
export function publicClient(): PublicClient {
  if (!client) {
    const e = env();
    client = createPublicClient({
      chain: chainFor(e.CHAIN_ID, e.RPC_URL),
      // Transient RPC errors (HTTP 5xx/429, timeouts) are retried 3 times with exponential backoff
      // (250 ms, 500 ms, 1 s); every call we make is idempotent (a rebroadcast raw transaction is too).
      transport: http(e.RPC_URL, { timeout: 5_000, retryCount: 3, retryDelay: 250 }),
    });
  }
  return client;
}
