/**
 * The key that encrypts next-auth session JWTs and the session cookie's name. Both come from the env:
 * NEXTAUTH_SECRET (required in production, see env.ts) and APP_URL (https → `__Secure-` cookie prefix).
 */
import { randomBytes } from "node:crypto";
import type { Env } from "../env.ts";

const globalForSecret = globalThis as unknown as { smolituxDevAuthSecret?: string };

/**
 * The session encryption secret: NEXTAUTH_SECRET, or — only on the local dev stack (DEV_CHAIN_KEYS=true) —
 * a random 32-byte secret generated once per process (sessions end when the process restarts).
 * @throws Error when neither is available (env.ts already refuses this combination in production)
 */
export function resolveAuthSecret(e: Pick<Env, "NEXTAUTH_SECRET" | "DEV_CHAIN_KEYS">): string {
  if (e.NEXTAUTH_SECRET) return e.NEXTAUTH_SECRET;
  if (e.DEV_CHAIN_KEYS) {
    globalForSecret.smolituxDevAuthSecret ??= randomBytes(32).toString("base64url");
    return globalForSecret.smolituxDevAuthSecret;
  }
  throw new Error(
    "NEXTAUTH_SECRET is not set. Set it (openssl rand -base64 32) or run the local dev stack (DEV_CHAIN_KEYS=true).",
  );
}

/** Whether session cookies are `Secure` (APP_URL is https). */
export function secureCookiesFor(appUrl: string): boolean {
  return appUrl.startsWith("https://");
}

/** Name of the next-auth session cookie for APP_URL (may be split into `<name>.0`, `<name>.1`, … chunks). */
export function sessionCookieName(appUrl: string): string {
  return `${secureCookiesFor(appUrl) ? "__Secure-" : ""}next-auth.session-token`;
}
