/**
 * Cross-site request forgery guard of every state-changing request (POST, PUT, PATCH, DELETE — with or without
 * a body). Browsers send `Origin` on every such request (and `Sec-Fetch-Site` in all current engines):
 * - `Origin` present → it must equal APP_URL's origin;
 * - no `Origin` but `Sec-Fetch-Site` → it must be `same-origin` (or `none`: typed by the user);
 * - neither → not a browser (server-to-server callers such as Stripe, curl, tests): allowed — CSRF needs a
 *   victim's browser, and such callers carry no ambient cookies of a victim.
 * next-auth's own CSRF token on its endpoints stays in place on top of this.
 */
const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/** Why a request was refused, or null when it may proceed. */
export type CsrfVerdict = null | "cross_origin" | "cross_site";

/** Whether `method` can change state (everything but GET, HEAD, OPTIONS). */
export function isStateChanging(method: string): boolean {
  return !SAFE_METHODS.has(method.toUpperCase());
}

/**
 * Checks the request's `Origin` / `Sec-Fetch-Site` against `appUrl` (safe methods always pass).
 * @returns null when allowed, else the reason (answer 403)
 */
export function checkCsrf(method: string, headers: Headers, appUrl: string): CsrfVerdict {
  if (!isStateChanging(method)) return null;
  const origin = headers.get("origin");
  if (origin !== null) {
    // "null" (sandboxed frames, some redirects) never matches.
    return origin === new URL(appUrl).origin ? null : "cross_origin";
  }
  const site = headers.get("sec-fetch-site");
  if (site !== null) return site === "same-origin" || site === "none" ? null : "cross_site";
  return null;
}
