/**
 * Sliding idle timeout of the stateless JWT session: on a page request whose session token was issued more
 * than {@link REFRESH_AFTER_SECONDS} ago, src/proxy.ts re-issues the same claims with a fresh expiry
 * (`exp` = now + idle timeout, never beyond `authTime` + the absolute lifetime). A session with no request for
 * the idle timeout therefore expires; the absolute lifetime and the session version are enforced by
 * getSessionUser (server/auth.ts) on every request.
 */
import { decode, encode } from "next-auth/jwt";
import { parseCookieHeader } from "./session-token.ts";

/** Re-issue at most once per this many seconds per session (saves an encryption per request). */
export const REFRESH_AFTER_SECONDS = 300;

/** A `Set-Cookie` to send, or null when nothing changes. */
export interface RefreshedCookie {
  name: string;
  value: string;
  maxAgeSeconds: number;
  secure: boolean;
}

/**
 * @param cookieHeader the request's `Cookie` header
 * @param opts cookie name, secret, idle timeout and absolute lifetime (seconds; idle 0 = no idle timeout)
 */
export async function refreshSessionCookie(
  cookieHeader: string | null,
  opts: { cookieName: string; secret: string; idleSeconds: number; maxAgeSeconds: number; secure: boolean; now?: Date },
): Promise<RefreshedCookie | null> {
  if (opts.idleSeconds <= 0) return null;
  // Chunked (very large) tokens are left alone; ours are far below the 4 KB chunk size.
  const token = parseCookieHeader(cookieHeader).get(opts.cookieName);
  if (!token) return null;
  let payload: Awaited<ReturnType<typeof decode>>;
  try {
    payload = await decode({ token, secret: opts.secret });
  } catch {
    return null;
  }
  if (!payload?.sub) return null;
  const now = Math.floor((opts.now ?? new Date()).getTime() / 1000);
  const iat = typeof payload.iat === "number" ? payload.iat : 0;
  if (now - iat < REFRESH_AFTER_SECONDS) return null;
  const authTime = typeof payload.authTime === "number" ? payload.authTime : iat;
  const remaining = authTime + opts.maxAgeSeconds - now;
  if (remaining <= 0) return null;
  const lifetime = Math.min(opts.idleSeconds, remaining);
  const { iat: _iat, exp: _exp, jti: _jti, ...claims } = payload;
  const value = await encode({ token: { ...claims, authTime }, secret: opts.secret, maxAge: lifetime });
  return { name: opts.cookieName, value, maxAgeSeconds: lifetime, secure: opts.secure };
}
