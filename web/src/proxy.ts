/**
 * Next.js 16 Proxy (the successor of `middleware.ts`): runs before every page request and
 * 1. refuses cross-site state-changing requests (Origin / Sec-Fetch-Site ≠ APP_URL, see server/security/csrf.ts);
 * 2. creates a fresh CSP nonce per request and passes it to the renderer through the request's
 *    `Content-Security-Policy` header (Next.js reads the nonce from there and puts it on its own scripts) and
 *    `x-nonce` (for any `<Script nonce>` of ours);
 * 3. sets the security headers of HTML pages on the response (server/security/headers.ts);
 * 4. slides the session's idle timeout forward (server/auth/session-refresh.ts).
 *
 * API routes are not matched: `route()` in server/http.ts applies the same rules there, together with the body
 * limits. Requests with a body (`Content-Length` / `Transfer-Encoding`) are not matched either: Next.js would
 * otherwise read and buffer the whole body to hand a copy to the proxy (`proxyClientMaxBodySize`), so a huge
 * body could not be refused early. Page POSTs are server actions, which Next.js checks itself (Origin vs. Host,
 * 1 MB body limit).
 */
import { NextResponse, type NextRequest } from "next/server";
import { resolveAuthSecret, secureCookiesFor, sessionCookieName } from "@/server/auth/secret.ts";
import { refreshSessionCookie } from "@/server/auth/session-refresh.ts";
import { env, securityEnv } from "@/server/env.ts";
import { checkCsrf } from "@/server/security/csrf.ts";
import { createNonce, securityConfig, securityHeaders, type SecurityConfig } from "@/server/security/headers.ts";

let cfg: SecurityConfig | undefined;

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

export async function proxy(request: NextRequest): Promise<NextResponse> {
  cfg ??= securityConfig(securityEnv());
  if (checkCsrf(request.method, request.headers, cfg.appUrl) !== null) {
    const refused = NextResponse.json(
      { error: { code: "forbidden", message: "Cross-site request refused." } },
      { status: 403 },
    );
    for (const [k, v] of Object.entries(securityHeaders("api", cfg))) refused.headers.set(k, v);
    return refused;
  }
  const nonce = createNonce();
  const headers = securityHeaders("page", cfg, nonce);
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("x-nonce", nonce);
  requestHeaders.set("Content-Security-Policy", headers["Content-Security-Policy"]!);
  const res = NextResponse.next({ request: { headers: requestHeaders } });
  for (const [k, v] of Object.entries(headers)) res.headers.set(k, v);
  await refreshSession(request, res);
  return res;
}

export const config = {
  matcher: [
    {
      source: "/((?!api/|_next/static|_next/image|favicon.ico).*)",
      missing: [
        { type: "header", key: "content-length" },
        { type: "header", key: "transfer-encoding" },
      ],
    },
  ],
};
