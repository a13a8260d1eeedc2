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
 *
 * The 308 must carry an absolute `Location` on APP_URL's origin. A redirect answered by the proxy itself does not:
 * Next.js rewrites a proxy response's `Location` to a bare path whenever its origin equals the origin the server
 * listens on (`server/web/adapter.js` and `router-utils/resolve-routes.js`, `getRelativeURL`) — so with APP_URL =
 * the listening origin, `Host: learn.provider.org` + `/courses` got `Location: /courses`, i.e. the same custom
 * domain again: a loop. The proxy therefore rewrites such a request to the route handler {@link DOMAIN_REDIRECT_ROUTE}
 * with the path in {@link DOMAIN_REDIRECT_HEADER}; route handlers' headers are sent unchanged.
 */

/** Route handler answering the custom-domain redirect (app/domain-redirect/route.ts). */
export const DOMAIN_REDIRECT_ROUTE = "/domain-redirect";
/** Request header of the proxy → {@link DOMAIN_REDIRECT_ROUTE} rewrite: the original path and query. */
export const DOMAIN_REDIRECT_HEADER = "x-domain-redirect";

/** What the proxy does with a request. */
export type CustomDomainAction =
  { kind: "none" } | { kind: "storefront"; host: string; path: string } | { kind: "redirect"; location: string };

const HOST = /^[a-z0-9](?:[a-z0-9.-]{0,251}[a-z0-9])?$/;

/**
 * The custom domain a request was sent to: its `Host` without port and trailing dot, or null when the Host is
 * APP_URL's host, a loopback name, an IP literal or no plausible domain name.
 * @param hostHeader the request's `Host` (may carry a port)
 */
export function customDomainHost(hostHeader: string | null, appUrl: string): string | null {
  if (!hostHeader) return null;
  const app = new URL(appUrl);
  const raw = hostHeader.trim().toLowerCase();
  if (raw === app.host.toLowerCase()) return null;
  const host = raw.replace(/:\d+$/, "").replace(/\.$/, "");
  if (host === app.hostname.toLowerCase()) return null;
  if (host === "localhost" || host.endsWith(".localhost") || host.startsWith("[") || /^[\d.]+$/.test(host)) return null;
  if (!HOST.test(host) || !host.includes(".")) return null;
  return host;
}

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
  const host = customDomainHost(hostHeader, appUrl);
  if (!host) return { kind: "none" };
  const app = new URL(appUrl);
  // the proxy runs again for its own rewrite
  if (pathname.startsWith("/storefront-domain/") || pathname === DOMAIN_REDIRECT_ROUTE) return { kind: "none" };
  if (pathname === "/" && (method === "GET" || method === "HEAD"))
    return { kind: "storefront", host, path: `/storefront-domain/${encodeURIComponent(host)}` };
  // string concatenation, not URL resolution: `//other.host/x` must stay a path on APP_URL (no open redirect)
  const path = pathname.startsWith("/") ? pathname : `/${pathname}`;
  return { kind: "redirect", location: `${app.origin}${path}${search}` };
}

/**
 * The absolute `Location` of a custom-domain redirect: `pathAndQuery` (what {@link DOMAIN_REDIRECT_HEADER} carries)
 * on APP_URL's origin, or null when it is missing, does not start with `/`, or holds control characters or
 * whitespace. String concatenation, not URL resolution: whatever the header says, the target stays on APP_URL.
 * @param pathAndQuery path plus query of the original request, e.g. `/courses?q=git`
 * @param appUrl APP_URL
 */
export function domainRedirectLocation(pathAndQuery: string | null, appUrl: string): string | null {
  if (!pathAndQuery?.startsWith("/") || pathAndQuery.length > 8192 || /[\u0000-\u0020\u007f]/.test(pathAndQuery))
    return null;
  return `${new URL(appUrl).origin}${pathAndQuery}`;
}
