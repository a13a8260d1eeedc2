/**
 * Host-based serving of provider storefronts on custom domains (features/storefronts). The provider points DNS at
 * the platform and the operator terminates TLS for that name at the proxy (README → "Provider storefronts"); the app
 * then sees `Host: <custom domain>`. Rule, applied by `src/proxy.ts` to page requests (never to /api/ or assets):
 * - Host = APP_URL's host, a loopback name or an IP literal → served as usual (the app itself, internal renders,
 *   health checks);
 * - any other Host, path `/`, GET/HEAD → rewritten to `/storefront-domain/<host>` (that page looks the domain up among
 *   the stored, validated custom domains; unknown → 404);
 * - any other Host and path → 308 redirect to the same path on APP_URL, so sign-in, checkout and every write happen
 *   on the platform's origin only (session cookies are host-only, and the CSRF rule accepts only APP_URL's origin).
 */

/** What the proxy does with a request. */
export type CustomDomainAction =
  { kind: "none" } | { kind: "storefront"; host: string; path: string } | { kind: "redirect"; location: string };

const HOST = /^[a-z0-9](?:[a-z0-9.-]{0,251}[a-z0-9])?$/;

/**
 * Decides how to serve a page request by its Host header.
 * @param hostHeader the request's `Host` (may carry a port)
 * @param appUrl APP_URL
 */
export function customDomainAction(
  method: string,
  hostHeader: string | null,
  appUrl: string,
  pathname: string,
  search: string,
): CustomDomainAction {
  if (!hostHeader) return { kind: "none" };
  const app = new URL(appUrl);
  const raw = hostHeader.trim().toLowerCase();
  if (raw === app.host.toLowerCase()) return { kind: "none" };
  const host = raw.replace(/:\d+$/, "").replace(/\.$/, "");
  if (host === app.hostname.toLowerCase()) return { kind: "none" };
  if (host === "localhost" || host.endsWith(".localhost") || host.startsWith("[") || /^[\d.]+$/.test(host))
    return { kind: "none" };
  if (!HOST.test(host) || !host.includes(".")) return { kind: "none" };
  // the proxy runs again for its own rewrite
  if (pathname.startsWith("/storefront-domain/")) return { kind: "none" };
  if (pathname === "/" && (method === "GET" || method === "HEAD"))
    return { kind: "storefront", host, path: `/storefront-domain/${encodeURIComponent(host)}` };
  // string concatenation, not URL resolution: `//other.host/x` must stay a path on APP_URL (no open redirect)
  const path = pathname.startsWith("/") ? pathname : `/${pathname}`;
  return { kind: "redirect", location: `${app.origin}${path}${search}` };
}
