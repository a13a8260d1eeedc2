/**
 * Sliding idle timeout of the stateless JWT session: on a page request whose session token was issued more
 * than {@link REFRESH_AFTER_SECONDS} ago, src/proxy.ts re-issues the same claims with a fresh expiry
 * (`exp` = now + idle timeout, never beyond `authTime` + the absolute lifetime). A session with no request for
 * the idle timeout therefore expires; the absolute lifetime and the session version are enforced by
 * getSessionUser (server/auth.ts) on every request.
 */
import { decode, encode } from "next-auth/jwt";
import { parseCookieHeader, readSessionToken } from "./session-token.ts";

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

/**
 * The current session re-issued with a new session version (e.g. after the user changed the password, which
 * bumped `User.sessionVersion` and so ended every session including this one): same claims and sign-in time
 * (`authTime`, so the absolute lifetime still counts from sign-in), `sv` = `sessionVersion`, a fresh expiry
 * (idle timeout, capped by the absolute lifetime; the absolute lifetime when there is no idle timeout).
 * @param cookieHeader the request's `Cookie` header (whole or chunked session cookie)
 * @param opts cookie name, secret, lifetimes in seconds (idle 0 = none), the new version and the user it
 *   belongs to (a token of another subject is not re-issued)
 * @returns the cookie to set, or null when the request carries no readable session of `userId` or its
 *   absolute lifetime has ended
 */
export async function reissueSessionCookie(
  cookieHeader: string | null,
  opts: {
    cookieName: string;
    secret: string;
    idleSeconds: number;
    maxAgeSeconds: number;
    secure: boolean;
    userId: string;
    sessionVersion: number;
    now?: Date;
  },
): Promise<RefreshedCookie | null> {
  const token = readSessionToken(parseCookieHeader(cookieHeader), opts.cookieName);
  if (!token) return null;
  let payload: Awaited<ReturnType<typeof decode>>;
  try {
    payload = await decode({ token, secret: opts.secret });
  } catch {
    return null;
  }
  if (!payload || payload.sub !== opts.userId) return null;
  const now = Math.floor((opts.now ?? new Date()).getTime() / 1000);
  const iat = typeof payload.iat === "number" ? payload.iat : now;
  const authTime = typeof payload.authTime === "number" ? payload.authTime : iat;
  const remaining = authTime + opts.maxAgeSeconds - now;
  if (remaining <= 0) return null;
  const lifetime = opts.idleSeconds > 0 ? Math.min(opts.idleSeconds, remaining) : remaining;
  const { iat: _iat, exp: _exp, jti: _jti, ...claims } = payload;
  const value = await encode({
    token: { ...claims, authTime, sv: opts.sessionVersion },
    secret: opts.secret,
    maxAge: lifetime,
  });
  return { name: opts.cookieName, value, maxAgeSeconds: lifetime, secure: opts.secure };
}
