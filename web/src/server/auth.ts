/**
 * Server-side authentication and authorization helpers used by every route handler, server action and
 * server component. The session is a next-auth v4 JWT cookie (stateless: any replica can read it).
 *
 * Roles are re-read from the database on EVERY {@link getSessionUser} call (one primary-key lookup), so a
 * role grant/revocation or a deleted user takes effect on the very next request; the roles inside the JWT
 * are only a display hint for the client and are never trusted for authorization.
 *
 * Server-side invalidation: the JWT carries the user's session version (`sv`); the same lookup compares it
 * with `User.sessionVersion`, which sign-out, an admin's role change and other credential events bump — every
 * older session of that user is then refused. Lifetime: a session ends SESSION_IDLE_TIMEOUT_SECONDS after
 * its cookie was last refreshed (the JWT's `exp`, slid forward by src/proxy.ts on page requests) and at the
 * latest SESSION_MAX_AGE_SECONDS after sign-in (`authTime`), whatever the activity.
 */
import type { PrismaClient } from "@smolitux/db";
import { ApiError } from "./http.ts";
import { db } from "./db.ts";
import { env } from "./env.ts";
import type { Role } from "./auth/roles.ts";
import { resolveAuthSecret, sessionCookieName } from "./auth/secret.ts";
import { decodeSessionToken, parseCookieHeader, readSessionToken } from "./auth/session-token.ts";

export { ROLES, type Role } from "./auth/roles.ts";

/** The signed-in user as the server sees it (fresh from the database). */
export interface SessionUser {
  id: string;
  email: string | null;
  name: string | null;
  /** current roles from the database (always includes LEARNER for normal accounts) */
  roles: Role[];
}

/** Dependencies of {@link getSessionUser}; defaults are the process-wide db and env. */
export interface SessionDeps {
  db: PrismaClient;
  secret: string;
  appUrl: string;
  /** absolute session lifetime in seconds (SESSION_MAX_AGE_SECONDS); default 30 days */
  maxAgeSeconds?: number;
  /** clock (tests) */
  now?: () => Date;
}

function defaultDeps(): SessionDeps {
  const e = env();
  return { db: db(), secret: resolveAuthSecret(e), appUrl: e.APP_URL, maxAgeSeconds: e.SESSION_MAX_AGE_SECONDS };
}

/** Default absolute session lifetime (30 days) when SessionDeps omit it. */
const DEFAULT_MAX_AGE_SECONDS = 30 * 24 * 60 * 60;

async function cookieHeader(req: Request | undefined): Promise<string | null> {
  if (req) return req.headers.get("cookie");
  // Server components and server actions: the incoming request's headers (Next.js request scope).
  const { headers } = await import("next/headers");
  return (await headers()).get("cookie");
}

/**
 * The signed-in user, or null when anonymous (no cookie, invalid/expired token, or deleted user).
 * @param req the route handler's Request; omit in server components/actions (reads `next/headers`)
 */
export async function getSessionUser(req?: Request, deps?: SessionDeps): Promise<SessionUser | null> {
  // Headers first: during prerendering this marks the page dynamic before any env/db access.
  const cookies = parseCookieHeader(await cookieHeader(req));
  const d = deps ?? defaultDeps();
  const token = readSessionToken(cookies, sessionCookieName(d.appUrl));
  const claims = await decodeSessionToken(token, d.secret);
  if (!claims) return null;
  const nowSeconds = Math.floor((d.now?.() ?? new Date()).getTime() / 1000);
  const authTime = claims.authTime ?? claims.iat ?? 0;
  if (authTime + (d.maxAgeSeconds ?? DEFAULT_MAX_AGE_SECONDS) <= nowSeconds) return null;
  const user = await d.db.user.findUnique({
    where: { id: claims.sub },
    select: { id: true, email: true, name: true, roles: true, sessionVersion: true, deactivatedAt: true },
  });
  // A deactivated account has no session, whichever way it was opened (also bumps sessionVersion).
  if (!user || user.sessionVersion !== claims.sv || user.deactivatedAt) return null;
  const { sessionVersion: _version, deactivatedAt: _deactivated, ...sessionUser } = user;
  return sessionUser;
}

/**
 * The signed-in user.
 * @throws ApiError("unauthenticated") → 401 when anonymous
 */
export async function requireUser(req?: Request, deps?: SessionDeps): Promise<SessionUser> {
  const user = await getSessionUser(req, deps);
  if (!user) throw new ApiError("unauthenticated", "Sign in to continue.");
  return user;
}

/**
 * Ends every existing session of `userId` on every device (server-side): bumps User.sessionVersion, so all
 * JWTs issued before are refused from the next request on. Called on sign-out, role changes by an admin and
 * credential changes.
 * @param db the client or the caller's transaction
 */
export async function invalidateSessions(db: Pick<PrismaClient, "user">, userId: string): Promise<void> {
  await db.user.updateMany({ where: { id: userId }, data: { sessionVersion: { increment: 1 } } });
}

/** Whether `user` holds at least one of `roles` (no implicit hierarchy: list PLATFORM_ADMIN explicitly). */
export function hasRole(user: Pick<SessionUser, "roles"> | null, ...roles: Role[]): boolean {
  return !!user && roles.some((r) => user.roles.includes(r));
}

/**
 * Asserts that `user` holds at least one of `roles` and returns it.
 * @throws ApiError("forbidden") → 403 otherwise
 */
export function requireRole<U extends Pick<SessionUser, "roles">>(user: U, ...roles: Role[]): U {
  if (!hasRole(user, ...roles)) throw new ApiError("forbidden", "You are not allowed to do this.");
  return user;
}
