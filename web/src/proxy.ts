/**
 * Next.js 16 Proxy (the successor of `middleware.ts`): runs before every page request and
 * 1. refuses cross-site state-changing requests (Origin / Sec-Fetch-Site ≠ APP_URL, see server/security/csrf.ts);
 * 2. creates a fresh CSP nonce per request and passes it to the renderer through the request's
 *    `Content-Security-Policy` header (Next.js reads the nonce from there and puts it on its own scripts) and
 *    `x-nonce` (for any `<Script nonce>` of ours);
 * 3. sets the security headers of HTML pages on the response (server/security/headers.ts);
 * 4. slides the session's idle timeout forward (server/auth/session-refresh.ts);
 * 5. serves a provider's storefront for its custom domain (Host) and sends every other path of such a host to APP_URL
 *    (server/security/custom-domain.ts; the 308 itself comes from app/domain-redirect/route.ts);
 * 6. rewrites anonymous requests of the home page, the catalog and course pages to the anonymous page cache
 *    (server/page-cache.ts): cached HTML per locale, with this response's nonce put in; a page answered in the last
 *    few seconds is answered right here from the cache's in-process copy (no rewrite, no render, no database). The cache's own internal
 *    render (authenticated by a secret header) gets the cache's placeholder nonce instead of a random one.
 *    Client-router (RSC) requests are never answered from the cache: Next.js hides their headers from the proxy,
 *    so a rewrite rule in next.config.ts (which sees them) sends such a request back to its page
 *    (`pageCacheRscRewrites`, server/page-cache.ts);
 * 7. checks server actions (`POST` + `Next-Action`) before Next.js runs them (server/security/server-action.ts):
 *    cross-site (neither APP_URL's origin nor the custom domain it was sent to) or `Origin` ≠ `Host` → 403, a payload Next.js could not decode → 400, `Next-Action` on
 *    another method with a body → 405 — each of which Next.js itself would answer with 500 or a rendered page. A
 *    valid action passes with the response headers only: its request headers are never overridden (an override
 *    broke the page the action re-renders), and it gets no nonce (its answer is an RSC payload, not a document).
 *
 * API routes are not matched: `route()` in server/http.ts applies the same rules there, together with the body
 * limits. Requests with a body are matched only when they are server actions with a declared length within the
 * 1 MB limit: Next.js clones a body for the proxy (at most `proxyClientMaxBodySize`) and waits for its end, so an
 * undeclared or larger one must never match — those, and every other page-path body, are refused from their
 * headers right after the proxy stage (next.config.ts rewrites, server/security/page-body.ts). Body-less POSTs
 * (`Content-Length: 0` included) get their CSRF check here.
 */
import { NextResponse, type NextRequest } from "next/server";
import { resolveAuthSecret, secureCookiesFor, sessionCookieName } from "@/server/auth/secret.ts";
import { refreshSessionCookie } from "@/server/auth/session-refresh.ts";
import { env, securityEnv } from "@/server/env.ts";
import { checkCsrf } from "@/server/security/csrf.ts";
import { actionHostMismatch, checkActionPayload, customDomainSameOrigin } from "@/server/security/server-action.ts";
import { customDomainAction, DOMAIN_REDIRECT_HEADER, DOMAIN_REDIRECT_ROUTE } from "@/server/security/custom-domain.ts";
import { createNonce, securityConfig, securityHeaders, type SecurityConfig } from "@/server/security/headers.ts";
import {
  cacheablePage,
  cachedPageHeaders,
  memoryTtlMs,
  recallPage,
  PAGE_CACHE_RENDER_HEADER,
  PAGE_CACHE_REWRITE_HEADER,
  PAGE_CACHE_ROUTE,
  pageCacheRoute,
  pageCacheSecrets,
  type PageCacheSecrets,
} from "@/server/page-cache.ts";

let cfg: SecurityConfig | undefined;
let cache:
  { secrets: PageCacheSecrets; sessionCookie: string; enabled: boolean; memoryTtlMs: number } | null | undefined;

/** The page cache settings, or null when the env is unreadable (then every page renders per request). */
function pageCache() {
  if (cache !== undefined) return cache;
  try {
    const e = env();
    cache = {
      secrets: pageCacheSecrets(e.NEXTAUTH_SECRET ? resolveAuthSecret(e) : undefined),
      sessionCookie: sessionCookieName(e.APP_URL),
      enabled: e.PAGE_CACHE_SECONDS > 0,
      memoryTtlMs: memoryTtlMs(e.PAGE_CACHE_SECONDS),
    };
  } catch {
    cache = null;
  }
  return cache;
}

/** Slides the session's idle timeout forward (server/auth/session-refresh.ts); never fails the request. */
async function refreshSession(request: NextRequest, res: NextResponse): Promise<void> {
  try {
    const e = env();
    const refreshed = await refreshSessionCookie(request.headers.get("cookie"), {
      cookieName: sessionCookieName(e.APP_URL),
      secret: resolveAuthSecret(e),
      idleSeconds: e.SESSION_IDLE_TIMEOUT_SECONDS,
      maxAgeSeconds: e.SESSION_MAX_AGE_SECONDS,
      secure: secureCookiesFor(e.APP_URL),
    });
    if (!refreshed) return;
    res.cookies.set(refreshed.name, refreshed.value, {
      httpOnly: true,
      sameSite: "lax",
      path: "/",
      secure: refreshed.secure,
      maxAge: refreshed.maxAgeSeconds,
    });
  } catch {
    // An unreadable env or token only means no refresh; authentication itself happens in getSessionUser.
  }
}

/** A JSON error answer with the API security headers. */
function refuse(config: SecurityConfig, status: number, code: string, message: string): NextResponse {
  const refused = NextResponse.json({ error: { code, message } }, { status });
  for (const [k, v] of Object.entries(securityHeaders("api", config))) refused.headers.set(k, v);
  return refused;
}

/**
 * A server action (`Next-Action` header, a method with a body; the CSRF check against APP_URL already passed):
 * refused here when Next.js would answer 500 or ignore the action, else passed on with the response headers only.
 */
async function serverAction(request: NextRequest, config: SecurityConfig): Promise<NextResponse> {
  if (request.method !== "POST") {
    const res = refuse(config, 405, "method_not_allowed", "Server actions are POST requests.");
    res.headers.set("Allow", "GET, HEAD");
    return res;
  }
  if (actionHostMismatch(request.headers)) {
    return refuse(config, 403, "forbidden", "The Origin of this server action is not the host it was sent to.");
  }
  const problem = await checkActionPayload(
    request.headers.get("content-type"),
    new Uint8Array(await request.arrayBuffer()),
  );
  if (problem) return refuse(config, 400, "bad_request", `Malformed server action payload: ${problem}.`);
  const res = NextResponse.next();
  for (const [k, v] of Object.entries(securityHeaders("api", config))) res.headers.set(k, v);
  return res;
}

export async function proxy(request: NextRequest): Promise<NextResponse> {
  cfg ??= securityConfig(securityEnv());
  const action = request.headers.has("next-action") && request.method !== "GET" && request.method !== "HEAD";
  if (
    checkCsrf(request.method, request.headers, cfg.appUrl) !== null &&
    !(action && customDomainSameOrigin(request.headers, cfg.appUrl))
  ) {
    return refuse(cfg, 403, "forbidden", "Cross-site request refused.");
  }
  if (action) return serverAction(request, cfg);
  const pc = pageCache();
  // Next.js runs the proxy again for the rewritten request: the rewrite already carries the nonce, the marker and
  // the response headers of the first pass, so it passes untouched (a forged marker does not match and is removed below).
  if (
    pc &&
    request.nextUrl.pathname.startsWith(`${PAGE_CACHE_ROUTE}/`) &&
    request.headers.get(PAGE_CACHE_REWRITE_HEADER) === pc.secrets.marker
  ) {
    return NextResponse.next();
  }
  // A provider's custom domain (server/security/custom-domain.ts): `/` shows the storefront, anything else goes to
  // the same path on APP_URL (sign-in, checkout and writes only on the platform's origin).
  const domain = customDomainAction(
    request.method,
    request.headers.get("host"),
    cfg.appUrl,
    request.nextUrl.pathname,
    request.nextUrl.search,
  );
  if (domain.kind === "redirect") {
    // Answered by a route handler, not here: Next.js would turn the proxy's absolute Location into a bare path
    // when APP_URL is the origin this server listens on (a redirect loop on the custom domain).
    const forwarded = new Headers(request.headers);
    forwarded.set(DOMAIN_REDIRECT_HEADER, `${request.nextUrl.pathname}${request.nextUrl.search}`);
    return NextResponse.rewrite(new URL(DOMAIN_REDIRECT_ROUTE, request.url), { request: { headers: forwarded } });
  }
  // The page cache's internal render: its HTML carries the placeholder nonce, replaced per response later.
  const internal = !!pc && request.headers.get(PAGE_CACHE_RENDER_HEADER) === pc.secrets.marker;
  const nonce = internal && pc ? pc.secrets.placeholder : createNonce();
  const headers = securityHeaders("page", cfg, nonce);
  const requestHeaders = new Headers(request.headers);
  requestHeaders.delete(PAGE_CACHE_RENDER_HEADER);
  requestHeaders.delete(PAGE_CACHE_REWRITE_HEADER);
  requestHeaders.set("x-nonce", nonce);
  requestHeaders.set("Content-Security-Policy", headers["Content-Security-Policy"]!);
  const page =
    pc?.enabled && !internal ? cacheablePage(request.method, request.nextUrl, request.headers, pc.sessionCookie) : null;
  let res: NextResponse;
  let hit: ReturnType<typeof recallPage> = null;
  if (domain.kind === "storefront") {
    res = NextResponse.rewrite(new URL(domain.path, request.url), { request: { headers: requestHeaders } });
  } else if (page && pc && (hit = recallPage(page, nonce, pc.memoryTtlMs))) {
    // the in-process copy of a cached page: answered here, with this response's nonce
    res = new NextResponse(request.method === "HEAD" ? null : hit.html, {
      status: 200,
      headers: cachedPageHeaders(hit.contentType),
    });
  } else if (page && pc) {
    requestHeaders.set(PAGE_CACHE_REWRITE_HEADER, pc.secrets.marker);
    res = NextResponse.rewrite(new URL(pageCacheRoute(page), request.url), { request: { headers: requestHeaders } });
  } else {
    res = NextResponse.next({ request: { headers: requestHeaders } });
  }
  for (const [k, v] of Object.entries(headers)) res.headers.set(k, v);
  await refreshSession(request, res);
  return res;
}

// Next.js reads the matcher statically: literals only. proxy.test.ts checks these patterns against
// server/security/page-body.ts (non-zero length; a length above SERVER_ACTION_BODY_LIMIT_BYTES).
export const config = {
  matcher: [
    {
      // Requests without a body (no Transfer-Encoding, no or a zero Content-Length).
      source: "/((?!api/|_next/static|_next/image).*)",
      missing: [
        { type: "header", key: "content-length", value: "0*[1-9]\\d*" },
        { type: "header", key: "transfer-encoding" },
      ],
    },
    {
      // Server actions with a declared length within the limit (larger or undeclared ones are refused by the
      // next.config.ts rewrites, which run after the proxy, without reading the body).
      source: "/((?!api/|_next/static|_next/image).*)",
      has: [{ type: "header", key: "next-action" }],
      missing: [
        { type: "header", key: "transfer-encoding" },
        {
          type: "header",
          key: "content-length",
          value:
            "0*(?:[1-9]\\d{7,}|[2-9]\\d{6}|1[1-9]\\d{5}|10[5-9]\\d{4}|1049\\d{3}|1048[6-9]\\d{2}|10485[8-9]\\d|104857[7-9])",
        },
      ],
    },
  ],
};
