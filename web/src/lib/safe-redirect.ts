/**
 * Open-redirect guard for `callbackUrl` and every other redirect target taken from a request: the value is
 * parsed with the WHATWG URL parser against the app's origin and accepted only when it resolves to that same
 * origin; the result is the normalized path + query + fragment (percent-encoded by the parser, so it can never
 * carry a control character into a `Location` header). Anything else — other origins, `//host`, `/\host`,
 * `javascript:`, control characters, over-long values — yields `fallback`.
 */

/** Origin used to resolve relative values when the app's own origin is not at hand (browser/client code). */
const PLACEHOLDER_ORIGIN = "http://app.invalid";

/** Longest redirect target accepted (characters). */
export const MAX_REDIRECT_LENGTH = 2048;

/**
 * @param value untrusted redirect target (relative path or absolute URL)
 * @param appUrl the app's base URL (APP_URL); absolute values must have its origin
 * @param fallback returned for anything unsafe (default `/`)
 * @returns a same-origin path beginning with a single `/`
 */
export function safeRedirectPath(value: unknown, appUrl: string = PLACEHOLDER_ORIGIN, fallback = "/"): string {
  if (typeof value !== "string" || value === "" || value.length > MAX_REDIRECT_LENGTH) return fallback;
  // Control characters (incl. CR/LF/TAB, which the URL parser would silently strip) are refused outright.
  if (/[\u0000-\u001f\u007f]/.test(value)) return fallback;
  let base: URL;
  let target: URL;
  try {
    base = new URL(appUrl);
    target = new URL(value, base);
  } catch {
    return fallback;
  }
  if (target.origin !== base.origin) return fallback;
  const path = `${target.pathname}${target.search}${target.hash}`;
  // A path that starts with "//" would be read as a host by the next consumer.
  return path.startsWith("/") && !path.startsWith("//") ? path : fallback;
}

/** Absolute same-origin URL for `value` on `appUrl` (next-auth's redirect callback needs absolute URLs). */
export function safeRedirectUrl(value: unknown, appUrl: string, fallback = "/"): string {
  return new URL(safeRedirectPath(value, appUrl, fallback), appUrl).toString();
}
