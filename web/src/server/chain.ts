/**
 * viem clients for the configured chain (RPC_URL, CHAIN_ID). RPC_URL may list several endpoints separated
 * by commas: requests go to the first that answers (viem `fallback` transport: an endpoint that fails or
 * times out is skipped for that request, the next one is tried), so one provider's outage does not stop
 * the indexer, the outbox or the health check.
 */
import { createPublicClient, defineChain, fallback, http, type PublicClient, type Transport } from "viem";
import { hardhat, polygon, polygonAmoy } from "viem/chains";
import { env, type Env } from "./env.ts";

/** The RPC endpoints of RPC_URL in failover order (`"https://a,https://b"` → two URLs). */
export function rpcUrls(e: Pick<Env, "RPC_URL">): string[] {
  return e.RPC_URL.split(",")
    .map((u) => u.trim())
    .filter((u) => u !== "");
}

/**
 * The transport for `urls`: one `http` transport, or a `fallback` over several. Transient errors (HTTP
 * 5xx/429, timeouts) are retried 3 times with exponential backoff (250 ms, 500 ms, 1 s) per endpoint; every
 * call we make is idempotent (a rebroadcast raw transaction is too).
 */
export function rpcTransport(urls: readonly string[], timeoutMs = 5_000): Transport {
  const one = (url: string) => http(url, { timeout: timeoutMs, retryCount: 3, retryDelay: 250 });
  if (urls.length === 0) throw new Error("RPC_URL names no endpoint");
  return urls.length === 1 ? one(urls[0]!) : fallback(urls.map(one), { retryCount: 0 });
}

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

/** Shared read-only client for RPC_URL (all endpoints, failover in order). */
export function publicClient(): PublicClient {
  if (!client) {
    const e = env();
    client = createPublicClient({
      chain: chainFor(e.CHAIN_ID, rpcUrls(e)[0]!),
      transport: rpcTransport(rpcUrls(e)),
    });
  }
  return client;
}
