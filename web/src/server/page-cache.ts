/**
 * Anonymous page cache (issue 14 item 13): the home page, the catalog (`/courses` without a query) and course
 * pages look the same for every visitor who is not signed in, so they are rendered once per locale and reused
 * (incremental revalidation), while the CSP keeps a fresh nonce per response (issue 11 §2, no `unsafe-inline`).
 *
 * How (see README "Security" → "Static pages and the nonce"):
 * 1. `src/proxy.ts` recognises a cacheable request ({@link cacheablePage}: a GET/HEAD document request
 *    (`Accept: text/html`) of one of those paths, no query, no session cookie, not a client-router/RSC request) and rewrites it to the route
 *    handler `app/page-cache/[locale]/[[...path]]` with the fresh nonce in `x-nonce`.
 * 2. The handler ({@link renderCachedPage}) asks Next.js' data cache (`fetch` with `next.revalidate` and the
 *    tag {@link PAGE_CACHE_TAG}) for the page's HTML. On a miss, the page is rendered by this very server over
 *    loopback as an anonymous request in that locale; the proxy gives that internal render a secret
 *    placeholder nonce ({@link pageCacheSecrets}) instead of a random one.
 * 3. Before sending, every occurrence of the placeholder is replaced by the response's own nonce, so the HTML
 *    and the `Content-Security-Policy: script-src 'nonce-…' 'strict-dynamic'` header agree and the placeholder
 *    never leaves the server (content cannot carry it: it is a 256-bit secret).
 * 4. The handler also keeps an in-process copy of each 200 answer ({@link rememberPage}); for up to 10 s
 *    ({@link memoryTtlMs}) the proxy answers the page from that copy itself ({@link recallPage}), with its own nonce.
 *
 * Invalidation: {@link invalidatePublicPages} (`revalidateTag`, immediate expiry; the in-process page copies dropped;
 * the catalog's in-process read caches emptied) after every successful state-changing studio, review, school or
 * admin API request (`route()` in server/http.ts); otherwise a page is
 * re-rendered in the background after `PAGE_CACHE_SECONDS` (default 300 s; 0 switches the cache off). Each web
 * replica keeps its own cache (Next.js' default cache handler), so other replicas follow within that time.
 * Signed-in visitors and every other page are rendered per request as before.
 */
import { createHmac, randomBytes } from "node:crypto";
import { isLocale, LOCALE_COOKIE, negotiateLocale, type Locale } from "../i18n/config.ts";

/** The data-cache tag of every cached page. */
export const PAGE_CACHE_TAG = "public-pages";
/** Request header of the proxy → handler rewrite (value: {@link PageCacheSecrets.marker}). */
export const PAGE_CACHE_REWRITE_HEADER = "x-page-cache";
/**
 * Request header of the handler's internal render naming the build that renders it (value: {@link buildId}): part
 * of the data cache's key, so a new build never answers with a page of the previous one (Next.js keeps its data
 * cache in `.next/cache` across builds; such a page would load JavaScript chunks that no longer exist).
 */
export const PAGE_CACHE_BUILD_HEADER = "x-page-cache-build";
/** Request header of the handler's internal render (value: {@link PageCacheSecrets.marker}). */
export const PAGE_CACHE_RENDER_HEADER = "x-page-cache-render";
/** Path prefix of the handler route. */
export const PAGE_CACHE_ROUTE = "/page-cache";

/** A cacheable request: the page path (`/`, `/courses`, `/courses/<slug>`) and the UI locale to render it in. */
export interface CacheablePage {
  path: string;
  locale: Locale;
}

const SLUG = /^[a-z0-9][a-z0-9-]{0,127}$/;

/** Whether `path` is one of the cached pages (`/`, `/courses`, `/courses/<slug>`). */
export function isCacheablePath(path: string): boolean {
  if (path === "/" || path === "/courses") return true;
  const m = /^\/courses\/([^/]+)$/.exec(path);
  return !!m && SLUG.test(m[1] ?? "");
}

function cookieNames(cookieHeader: string | null): Map<string, string> {
  const out = new Map<string, string>();
  for (const part of (cookieHeader ?? "").split(";")) {
    const i = part.indexOf("=");
    if (i > 0) out.set(part.slice(0, i).trim(), part.slice(i + 1).trim());
  }
  return out;
}

/**
 * Decides whether a page request may be answered from the anonymous page cache.
 * @param sessionCookie next-auth's session cookie name (server/auth/secret.ts `sessionCookieName`); the cookie
 *   and its chunks (`<name>.0`, …) mark a signed-in visitor, who always gets a per-request render
 * @returns the page and locale (cookie `NEXT_LOCALE`, else `Accept-Language`), or null
 */
export function cacheablePage(method: string, url: URL, headers: Headers, sessionCookie: string): CacheablePage | null {
  if (method !== "GET" && method !== "HEAD") return null;
  if (url.search !== "" || !isCacheablePath(url.pathname)) return null;
  // Documents only: client-router navigations, refreshes and prefetches (RSC payloads) are rendered per request.
  // Next.js strips the RSC headers and `_rsc` from the proxy's view of the request, but their `Accept` is not
  // HTML, while a browser's document request always asks for `text/html`.
  if (!(headers.get("accept") ?? "").includes("text/html")) return null;
  if (headers.has("rsc") || headers.has("next-router-prefetch") || headers.has("next-action")) return null;
  // Browsers say what a request is for: only a document navigation gets the cached HTML (a client-router fetch
  // says `empty`). Requests without the header (older clients, scripts) are judged by `Accept` alone; an RSC request
  // that the proxy rewrote anyway is sent back to its page by `pageCacheRscRewrites` (next.config.ts).
  const dest = headers.get("sec-fetch-dest");
  if (dest !== null && dest !== "document") return null;
  const cookies = cookieNames(headers.get("cookie"));
  for (const name of cookies.keys()) if (name === sessionCookie || name.startsWith(`${sessionCookie}.`)) return null;
  const chosen = cookies.get(LOCALE_COOKIE);
  const locale = isLocale(chosen) ? chosen : negotiateLocale(headers.get("accept-language"));
  return { path: url.pathname, locale };
}

/** The handler URL path a cacheable page is rewritten to, e.g. `/page-cache/de/courses/git-novice`. */
export function pageCacheRoute(page: CacheablePage): string {
  return `${PAGE_CACHE_ROUTE}/${page.locale}${page.path === "/" ? "" : page.path}`;
}

/** A `rewrites().beforeFiles` rule of next.config.ts (the subset used here). */
export interface PageCacheRewrite {
  source: string;
  destination: string;
  has: { type: "header"; key: string; value: string }[];
}

/**
 * Rewrite rules (next.config.ts `rewrites().beforeFiles`) that send a client-router request which the proxy
 * rewrote to the page cache back to its page: Next.js hides the RSC headers (`RSC: 1`, router state, prefetch)
 * and `_rsc` from the proxy, so {@link cacheablePage} cannot tell a navigation/prefetch from a document request
 * that asks for HTML. Rewrites after the proxy are matched on the real headers; without these, such a request got
 * the cached HTML instead of the RSC payload, a 500, or a 307 to the internal `/page-cache/…` path. The page then
 * renders per request as for a signed-in visitor (Next.js answers the RSC payload with `Vary: rsc, …`).
 */
export function pageCacheRscRewrites(): PageCacheRewrite[] {
  const rsc = [{ type: "header" as const, key: "rsc", value: "1" }];
  return [
    { source: `${PAGE_CACHE_ROUTE}/:locale`, destination: "/", has: rsc },
    { source: `${PAGE_CACHE_ROUTE}/:locale/:path+`, destination: "/:path+", has: rsc },
  ];
}

/**
 * The page of a handler route's params (`[locale]/[[...path]]`), validated again (the route is reachable
 * only through the proxy's rewrite, but never trusts its input).
 * @returns null for anything that is not a cacheable page
 */
export function pageFromRoute(locale: string, segments: string[] | undefined): CacheablePage | null {
  if (!isLocale(locale)) return null;
  const path = `/${(segments ?? []).join("/")}`;
  return isCacheablePath(path) ? { path, locale } : null;
}

/** Secrets of the page cache in this process (identical in the proxy and the route handler). */
export interface PageCacheSecrets {
  /** authenticates the proxy's rewrite and the handler's internal render (hex, 256 bits) */
  marker: string;
  /** the nonce the internal render is given; replaced per response (base64url, 256 bits) */
  placeholder: string;
}

const globalForPageCache = globalThis as unknown as { smolituxPageCache?: PageCacheSecrets };

/**
 * The page cache secrets: derived (HMAC-SHA-256) from NEXTAUTH_SECRET when set — the same on every replica and
 * after restarts, so cached entries stay valid —, else random once per process (dev stack, tests).
 */
export function pageCacheSecrets(authSecret?: string): PageCacheSecrets {
  if (globalForPageCache.smolituxPageCache) return globalForPageCache.smolituxPageCache;
  const derive = (label: string) =>
    authSecret ? createHmac("sha256", authSecret).update(`smolitux page cache ${label}`).digest() : randomBytes(32);
  globalForPageCache.smolituxPageCache = {
    marker: derive("marker").toString("hex"),
    placeholder: derive("nonce").toString("base64url"),
  };
  return globalForPageCache.smolituxPageCache;
}

/** Replaces every occurrence of the placeholder nonce in a cached page by this response's nonce. */
export function withNonce(html: string, placeholder: string, nonce: string): string {
  return html.split(placeholder).join(nonce);
}

/** A page as sent: status, HTML (with the response's nonce) and, for redirects, the target. */
export interface CachedPageResponse {
  status: number;
  html: string;
  contentType: string;
  location: string | null;
}

/**
 * Loopback origin of this server for the internal render: Next.js' own listening address
 * (`__NEXT_PRIVATE_ORIGIN`, set by `next start`/`next dev` and the standalone server), else 127.0.0.1:PORT.
 */
export function internalOrigin(): string {
  return process.env.__NEXT_PRIVATE_ORIGIN ?? `http://127.0.0.1:${process.env.PORT ?? "3000"}`;
}

let currentBuildId: Promise<string> | undefined;

/**
 * The id of the running build (`.next/BUILD_ID` below the server's working directory, as `next start` and the
 * standalone server have it); "" when there is none (read once per process).
 */
export function buildId(): Promise<string> {
  currentBuildId ??= import("node:fs/promises")
    .then(({ readFile }) => readFile(`${process.cwd()}/.next/BUILD_ID`, "utf8"))
    .then((id) => id.trim())
    .catch(() => "");
  return currentBuildId;
}

/**
 * Renders (or reuses, from Next.js' data cache) an anonymous page, as cached: with the placeholder nonce.
 * @param revalidateSeconds `PAGE_CACHE_SECONDS`; 0 renders every time (cache off)
 * @returns the page; non-200 answers (unknown course → 404) are passed on and never cached
 */
export async function fetchCachedPage(
  page: CacheablePage,
  secrets: PageCacheSecrets,
  revalidateSeconds: number,
): Promise<CachedPageResponse> {
  const init: RequestInit & { next?: { revalidate: number; tags: string[] } } = {
    headers: {
      accept: "text/html",
      cookie: `${LOCALE_COOKIE}=${page.locale}`,
      [PAGE_CACHE_RENDER_HEADER]: secrets.marker,
      [PAGE_CACHE_BUILD_HEADER]: await buildId(),
    },
    redirect: "manual",
    ...(revalidateSeconds > 0
      ? { next: { revalidate: revalidateSeconds, tags: [PAGE_CACHE_TAG] } }
      : { cache: "no-store" as const }),
  };
  const res = await fetch(`${internalOrigin()}${page.path}`, init);
  return {
    status: res.status,
    html: await res.text(),
    contentType: res.headers.get("content-type") ?? "text/html; charset=utf-8",
    // a redirect target on the loopback origin becomes a path (the visitor reaches this server by APP_URL)
    location: res.headers.get("location")?.replace(internalOrigin(), "") ?? null,
  };
}

/**
 * Renders (or reuses) an anonymous page and puts this response's nonce into it.
 * @param revalidateSeconds `PAGE_CACHE_SECONDS`; 0 renders every time (cache off)
 * @returns the page; non-200 answers (unknown course → 404) are passed on and never cached
 */
export async function renderCachedPage(
  page: CacheablePage,
  nonce: string,
  secrets: PageCacheSecrets,
  revalidateSeconds: number,
): Promise<CachedPageResponse> {
  const out = await fetchCachedPage(page, secrets, revalidateSeconds);
  return { ...out, html: withNonce(out.html, secrets.placeholder, nonce) };
}

/**
 * In-process copy of the hottest cached pages, answered by `src/proxy.ts` itself (no rewrite, no route handler, no
 * data-cache lookup): the anonymous catalog under load costs about what a static file does. Entries come from the
 * handler's answers (200 only, with the placeholder nonce split out), live at most {@link memoryTtlMs} — after
 * that the next request goes through the handler and Next.js' data cache again, which keeps its revalidation
 * rules — and are dropped at once by {@link invalidatePublicPages} (a generation counter: an answer rendered
 * before a write is never remembered after it). Bounded by {@link PAGE_MEMORY_BUDGET_BYTES} (least recently
 * used out). Shared by the proxy and the handler through `globalThis` (one Node.js process).
 */
interface MemoryEntry {
  /** the page split at the placeholder nonce */
  parts: string[];
  contentType: string;
  storedAt: number;
  bytes: number;
}

interface MemoryStore {
  generation: number;
  entries: Map<string, MemoryEntry>;
  bytes: number;
}

/** Upper bound of the in-process copies (UTF-16 length × 2, i.e. the strings' size in memory). */
export const PAGE_MEMORY_BUDGET_BYTES = 16 * 1024 * 1024;
/** Longest life of an in-process copy (ms), and never longer than `PAGE_CACHE_SECONDS`. */
export const PAGE_MEMORY_MAX_TTL_MS = 10_000;

const globalForMemory = globalThis as unknown as { smolituxPageMemory?: MemoryStore };
const memory = (): MemoryStore =>
  (globalForMemory.smolituxPageMemory ??= { generation: 0, entries: new Map(), bytes: 0 });

/** How long an in-process copy is answered (ms) for a `PAGE_CACHE_SECONDS` of `revalidateSeconds`. */
export function memoryTtlMs(revalidateSeconds: number): number {
  return Math.max(0, Math.min(revalidateSeconds * 1000, PAGE_MEMORY_MAX_TTL_MS));
}

const memoryKey = (page: CacheablePage) => `${page.locale} ${page.path}`;

/** The current generation of the in-process copies; pass it to {@link rememberPage} for an answer fetched now. */
export function memoryGeneration(): number {
  return memory().generation;
}

/**
 * Keeps a copy of a cached page's answer (with the placeholder nonce) for the proxy.
 * @param generation {@link memoryGeneration} read BEFORE the page was fetched: a write in between drops the copy
 */
export function rememberPage(
  page: CacheablePage,
  out: Pick<CachedPageResponse, "status" | "html" | "contentType" | "location">,
  placeholder: string,
  generation: number,
  now = Date.now(),
): void {
  const m = memory();
  if (out.status !== 200 || out.location !== null || generation !== m.generation) return;
  const bytes = out.html.length * 2;
  if (bytes > PAGE_MEMORY_BUDGET_BYTES / 4) return;
  const key = memoryKey(page);
  const old = m.entries.get(key);
  if (old) {
    m.entries.delete(key);
    m.bytes -= old.bytes;
  }
  m.entries.set(key, { parts: out.html.split(placeholder), contentType: out.contentType, storedAt: now, bytes });
  m.bytes += bytes;
  for (const [k, e] of m.entries) {
    if (m.bytes <= PAGE_MEMORY_BUDGET_BYTES) break;
    m.entries.delete(k);
    m.bytes -= e.bytes;
  }
}

/**
 * The in-process copy of a page with this response's nonce put in, or null (none, or older than `ttlMs`).
 * @returns the HTML and its content type
 */
export function recallPage(
  page: CacheablePage,
  nonce: string,
  ttlMs: number,
  now = Date.now(),
): { html: string; contentType: string } | null {
  const m = memory();
  const key = memoryKey(page);
  const e = m.entries.get(key);
  if (!e) return null;
  if (now - e.storedAt >= ttlMs) {
    m.entries.delete(key);
    m.bytes -= e.bytes;
    return null;
  }
  // least recently used goes first: move the hit to the end
  m.entries.delete(key);
  m.entries.set(key, e);
  return { html: e.parts.join(nonce), contentType: e.contentType };
}

/** Drops every in-process copy (a write changed public pages). */
export function forgetPages(): void {
  const m = memory();
  m.generation++;
  m.entries.clear();
  m.bytes = 0;
}

/** Response headers of a cached page (per response: it carries its own nonce). */
export function cachedPageHeaders(contentType: string): Record<string, string> {
  return {
    "content-type": contentType,
    // per response (nonce): never stored by shared caches
    "cache-control": "private, no-cache, no-store, max-age=0, must-revalidate",
    // as Next.js says on the page itself: the RSC payload of the same URL is another answer
    vary: "RSC, Next-Router-State-Tree, Next-Router-Prefetch, Next-Router-Segment-Prefetch, Cookie, Accept-Language",
  };
}

/** API paths whose successful writes can change a cached page (courses, prices, reviews, provider bio, branding). */
// `/api/account/avatar`: a provider's picture appears on catalog cards and course pages.
const PUBLIC_PAGE_WRITERS = [
  "/api/studio/",
  "/api/reviews",
  "/api/school/",
  "/api/admin/",
  "/api/auth/provider",
  "/api/account/avatar",
];

/** Whether a successful request of `method` on `pathname` may have changed a cached page. */
export function changesPublicPages(method: string, pathname: string): boolean {
  if (method === "GET" || method === "HEAD" || method === "OPTIONS") return false;
  if (pathname === "/api/studio/markdown") return false; // preview rendering, writes nothing
  return PUBLIC_PAGE_WRITERS.some((p) => pathname === p.replace(/\/$/, "") || pathname.startsWith(p));
}

/**
 * In-process caches of public reads (the catalog's results and filter facets, features/catalog/cached.ts) that a
 * write expiring the public pages must empty too — or a fresh page render would read them stale. Kept on
 * `globalThis`: Next.js bundles route handlers and pages in separate module graphs, so a module-level set would
 * exist once per graph and a write through an API route would not reach the page's cache.
 */
const PUBLIC_READ_CACHES = Symbol.for("smolitux.publicReadCaches");

function publicReadCaches(): Set<() => void> {
  const g = globalThis as { [PUBLIC_READ_CACHES]?: Set<() => void> };
  g[PUBLIC_READ_CACHES] ??= new Set();
  return g[PUBLIC_READ_CACHES];
}

/**
 * Registers `clear`, called by every {@link invalidatePublicPages} of this process (each module instance that holds
 * a public read cache registers its own).
 * @returns a function that unregisters it
 */
export function onPublicPagesInvalidated(clear: () => void): () => void {
  const caches = publicReadCaches();
  caches.add(clear);
  return () => caches.delete(clear);
}

/**
 * Marks every cached page stale (immediate expiry: the next visitor gets a fresh render) and empties the public
 * read caches registered with {@link onPublicPagesInvalidated}. Called after a successful write that can change a
 * public page (publishing, prices, reviews, a lesson translation adding a catalog language, …). Outside a Next.js
 * request (unit tests, CLI) only the read caches are emptied.
 */
export async function invalidatePublicPages(): Promise<void> {
  forgetPages();
  for (const clear of publicReadCaches()) clear();
  try {
    const { revalidateTag } = await import("next/cache");
    revalidateTag(PAGE_CACHE_TAG, { expire: 0 });
  } catch {
    // no Next.js request scope (tests, scripts): there is no page cache to invalidate
  }
}
