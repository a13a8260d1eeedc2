/**
 * Security response headers of every response (OWASP ASVS 14.4): Content-Security-Policy, frame-ancestors,
 * `X-Content-Type-Options`, `Referrer-Policy`, `Permissions-Policy`, HSTS (only when APP_URL is https).
 *
 * Three policy kinds:
 * - `page`: HTML documents. `script-src 'nonce-…' 'strict-dynamic'` (a fresh nonce per request, set by
 *   `src/proxy.ts`; Next.js puts it on its own inline/bootstrap scripts, and scripts those load are trusted by
 *   `'strict-dynamic'`). No `'unsafe-inline'` for scripts in production; development adds `'unsafe-eval'`
 *   (React's dev tooling). `img-src`/`media-src` = self, data:, blob: and the configured media origins only;
 *   `connect-src` adds the media origins too (the PDF viewer fetches media that redirect to S3/IPFS), and
 *   `worker-src 'self'` admits pdf.js' same-origin worker (`/api/pdfjs/<version>/worker.mjs`, API policy).
 * - `api`: JSON and other API responses: `default-src 'none'` (nothing in them may ever run).
 * - `media`: files from `/api/media/<id>`: `default-src 'none'`, images/styles of the file itself, `sandbox`
 *   (an uploaded SVG/HTML can never run script) and `frame-ancestors 'none'` like every other kind: no page frames
 *   media (the player draws PDFs with pdf.js), so nothing may — an uploaded file can never be framed for clickjacking.
 * - Frames in pages (`frame-src`): only our origin, plus WalletConnect's Verify frame when WalletConnect is on.
 */
import type { SecurityEnv } from "../env.ts";

export type PolicyKind = "page" | "api" | "media";

/** The settings the headers depend on (all from env; see {@link securityConfig}). */
export interface SecurityConfig {
  appUrl: string;
  /** extra origins media may be loaded from (S3 presigned URLs, IPFS gateway, MEDIA_ORIGINS) */
  mediaOrigins: string[];
  /** origins the browser may connect to (chain RPC for wallet reads, WalletConnect relay when enabled) */
  connectOrigins: string[];
  /** origins pages may frame besides their own (WalletConnect's Verify API frame when enabled) */
  frameOrigins: string[];
  /** development server: allow eval (React dev tooling) and the HMR websocket */
  dev: boolean;
}

/** `Permissions-Policy`: powerful features the app never uses are off for every frame. */
export const PERMISSIONS_POLICY =
  "camera=(), microphone=(), geolocation=(), payment=(), usb=(), serial=(), hid=(), midi=(), magnetometer=(), gyroscope=(), accelerometer=(), browsing-topics=()";

/** HSTS value used when APP_URL is https (two years, subdomains; no preload: that is an operator decision). */
export const HSTS = "max-age=63072000; includeSubDomains";

/**
 * Content-Security-Policy of the paths the proxy skips (`/_next/static/*` build assets, `/_next/image`), set by
 * next.config.ts `headers()`: nothing may load or frame them as a document (a JS/CSS file or a 404 text opened
 * directly). No worker scripts are served from there (a worker would inherit this policy).
 */
export const STATIC_ASSET_POLICY = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

function originOf(url: string | undefined): string | null {
  if (!url) return null;
  try {
    const u = new URL(url);
    return u.protocol === "http:" || u.protocol === "https:" ? u.origin : null;
  } catch {
    return null;
  }
}

/**
 * Media origins from the storage settings: the S3 endpoint (virtual-hosted bucket host unless path style,
 * AWS' regional host when no endpoint), the IPFS gateway, and `MEDIA_ORIGINS` (comma-separated origins, e.g.
 * a CDN in front of the bucket).
 */
export function mediaOrigins(
  e: Pick<
    SecurityEnv,
    | "STORAGE_DRIVER"
    | "S3_BUCKET"
    | "S3_REGION"
    | "S3_ENDPOINT"
    | "S3_FORCE_PATH_STYLE"
    | "IPFS_GATEWAY_URL"
    | "MEDIA_ORIGINS"
  >,
): string[] {
  const out = new Set<string>(e.MEDIA_ORIGINS);
  if (e.STORAGE_DRIVER === "s3" && e.S3_BUCKET) {
    if (e.S3_ENDPOINT) {
      const u = new URL(e.S3_ENDPOINT);
      if (!e.S3_FORCE_PATH_STYLE) u.hostname = `${e.S3_BUCKET}.${u.hostname}`;
      out.add(u.origin);
    } else if (e.S3_REGION) {
      out.add(`https://${e.S3_BUCKET}.s3.${e.S3_REGION}.amazonaws.com`);
    }
  }
  const gateway = originOf(e.IPFS_GATEWAY_URL);
  if (gateway) out.add(gateway);
  return [...out];
}

/** The header configuration for this process. */
export function securityConfig(e: SecurityEnv): SecurityConfig {
  const connect = new Set<string>();
  const frames: string[] = [];
  // RPC_URL may list several endpoints (failover); the browser may read from any of them.
  for (const url of (e.PUBLIC_RPC_URL ?? e.RPC_URL).split(",")) {
    const rpc = originOf(url.trim());
    if (rpc) connect.add(rpc);
  }
  if (e.NEXT_PUBLIC_WALLETCONNECT_PROJECT_ID) {
    for (const o of [
      "https://*.walletconnect.com",
      "wss://*.walletconnect.com",
      "https://*.walletconnect.org",
      "wss://*.walletconnect.org",
      "https://*.reown.com",
      "wss://*.reown.com",
    ]) {
      connect.add(o);
    }
    // WalletConnect's Verify API (domain verification of the dapp) runs in a frame of its own origin
    frames.push("https://verify.walletconnect.com", "https://verify.walletconnect.org");
  }
  return {
    appUrl: e.APP_URL,
    mediaOrigins: mediaOrigins(e),
    connectOrigins: [...connect],
    frameOrigins: frames,
    dev: e.NODE_ENV === "development",
  };
}

/** A fresh CSP nonce: 16 random bytes, base64 (128 bits, unguessable per request). */
export function createNonce(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return btoa(String.fromCharCode(...bytes));
}

const join = (parts: Record<string, string[]>): string =>
  Object.entries(parts)
    .map(([k, v]) => (v.length ? `${k} ${v.join(" ")}` : k))
    .join("; ");

/**
 * The Content-Security-Policy value of `kind`.
 * @param nonce required for `page`: the per-request nonce (base64)
 */
export function contentSecurityPolicy(kind: PolicyKind, cfg: SecurityConfig, nonce?: string): string {
  if (kind === "api")
    return join({
      "default-src": ["'none'"],
      "frame-ancestors": ["'none'"],
      "base-uri": ["'none'"],
      "form-action": ["'none'"],
    });
  if (kind === "media") {
    return join({
      "default-src": ["'none'"],
      "img-src": ["'self'", "data:"],
      "media-src": ["'self'"],
      "style-src": ["'unsafe-inline'"],
      "frame-ancestors": ["'none'"],
      sandbox: [],
    });
  }
  if (!nonce) throw new Error("a page policy needs a nonce");
  const media = ["'self'", "data:", "blob:", ...cfg.mediaOrigins];
  const https = cfg.appUrl.startsWith("https:");
  return join({
    "default-src": ["'self'"],
    "script-src": [`'nonce-${nonce}'`, "'strict-dynamic'", ...(cfg.dev ? ["'unsafe-eval'"] : [])],
    // React `style={…}` attributes and RainbowKit's runtime <style> need inline styles; styles cannot run code.
    "style-src": ["'self'", "'unsafe-inline'"],
    "img-src": media,
    "media-src": media,
    "font-src": ["'self'", "data:"],
    // Media origins: the PDF lesson viewer (pdf.js) fetches /api/media/<id>, which S3/IPFS media redirect there.
    "connect-src": ["'self'", ...cfg.connectOrigins, ...cfg.mediaOrigins, ...(cfg.dev ? ["ws:", "wss:"] : [])],
    // No page frames media (PDFs are drawn by pdf.js); WalletConnect's Verify frame when it is on.
    "frame-src": ["'self'", ...cfg.frameOrigins],
    // 'self': pdf.js' worker of the PDF lesson viewer comes from /api/pdfjs/<version>/worker.mjs (never a CDN).
    "worker-src": ["'self'", "blob:"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'none'"],
    ...(https ? { "upgrade-insecure-requests": [] } : {}),
  });
}

/** Every security header of a response of `kind` (CSP included). */
export function securityHeaders(kind: PolicyKind, cfg: SecurityConfig, nonce?: string): Record<string, string> {
  return {
    "Content-Security-Policy": contentSecurityPolicy(kind, cfg, nonce),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "Permissions-Policy": PERMISSIONS_POLICY,
    // Legacy browsers without frame-ancestors support.
    "X-Frame-Options": kind === "media" ? "SAMEORIGIN" : "DENY",
    "Cross-Origin-Opener-Policy": "same-origin-allow-popups",
    ...(cfg.appUrl.startsWith("https:") ? { "Strict-Transport-Security": HSTS } : {}),
  };
}

/**
 * Sets the security headers of `kind` on `res` (unless a header is already set, e.g. a route's own CSP).
 * Returns `res`, or a copy when its headers are immutable (`Response.redirect`, fetched responses).
 */
export function applySecurityHeaders(res: Response, kind: PolicyKind, cfg: SecurityConfig): Response {
  const headers = securityHeaders(kind, cfg);
  try {
    for (const [k, v] of Object.entries(headers)) if (!res.headers.has(k)) res.headers.set(k, v);
    return res;
  } catch {
    const copy = new Response(res.body, { status: res.status, statusText: res.statusText, headers: res.headers });
    for (const [k, v] of Object.entries(headers)) if (!copy.headers.has(k)) copy.headers.set(k, v);
    return copy;
  }
}
