/**
 * The client address of a request. `X-Forwarded-For` is trusted only as far as `TRUST_PROXY` says: with
 * N trusted proxy hops, the client is the N-th address from the right of `X-Forwarded-For` (each proxy
 * appends the address it received the request from, so the rightmost N entries were written by our
 * proxies and everything left of them is client-controlled). With `TRUST_PROXY=0` (default) the header is
 * ignored entirely — a client could otherwise pick a fresh address per request and dodge every limit.
 * Without a trusted hop the socket address is not exposed to Next.js route handlers, so all direct clients
 * share the key "direct" (limits per account still apply; deploy behind a proxy and set TRUST_PROXY).
 */
import { securityEnv } from "../env.ts";

export const DIRECT_CLIENT = "direct";

/**
 * @param headers request headers (Fetch `Headers` or next-auth's plain record)
 * @param trustProxy number of trusted reverse-proxy hops in front of the app (0 = trust none)
 */
export function clientAddress(
  headers: Headers | Record<string, string | string[] | undefined>,
  trustProxy: number,
): string {
  if (trustProxy <= 0) return DIRECT_CLIENT;
  const raw = headers instanceof Headers ? headers.get("x-forwarded-for") : headers["x-forwarded-for"];
  const value = Array.isArray(raw) ? raw.join(",") : (raw ?? "");
  const hops = value
    .split(",")
    .map((s) => s.trim())
    .filter((s) => s !== "");
  if (hops.length === 0) return DIRECT_CLIENT;
  // N trusted hops: the entry they appended for the client is hops[len - N]; fewer entries = the leftmost.
  const entry = hops[Math.max(0, hops.length - trustProxy)] ?? DIRECT_CLIENT;
  // Only characters of IPv4/IPv6 literals: nothing else reaches a key or a log line.
  return /^[0-9A-Fa-f:.]{2,45}$/.test(entry) ? entry.toLowerCase() : DIRECT_CLIENT;
}

/** {@link clientAddress} with this process' `TRUST_PROXY`. */
export function requestAddress(headers: Headers | Record<string, string | string[] | undefined>): string {
  return clientAddress(headers, securityEnv().TRUST_PROXY);
}
