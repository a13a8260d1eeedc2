/**
 * Anonymous page cache handler (server/page-cache.ts): `src/proxy.ts` rewrites anonymous requests of the home
 * page, the catalog and course pages here; the answer is the cached HTML of the page in the visitor's locale
 * with this response's CSP nonce (the proxy sets the matching `Content-Security-Policy` header). Reached only
 * through the proxy's rewrite (authenticated by a per-deployment secret); anything else is a 404.
 */
import { env } from "@/server/env";
import { logger } from "@/server/logger";
import {
  cachedPageHeaders,
  fetchCachedPage,
  memoryGeneration,
  PAGE_CACHE_REWRITE_HEADER,
  pageCacheSecrets,
  pageFromRoute,
  rememberPage,
  withNonce,
} from "@/server/page-cache";
import { resolveAuthSecret } from "@/server/auth/secret";

type Params = { params: Promise<{ locale: string; path?: string[] }> };

const notFound = () => new Response("Not found", { status: 404, headers: { "content-type": "text/plain" } });

export async function GET(request: Request, { params }: Params): Promise<Response> {
  const e = env();
  const secrets = pageCacheSecrets(e.NEXTAUTH_SECRET ? resolveAuthSecret(e) : undefined);
  const nonce = request.headers.get("x-nonce");
  if (request.headers.get(PAGE_CACHE_REWRITE_HEADER) !== secrets.marker || !nonce) return notFound();
  const { locale, path } = await params;
  const page = pageFromRoute(locale, path);
  if (!page) return notFound();
  try {
    const generation = memoryGeneration();
    const out = await fetchCachedPage(page, secrets, e.PAGE_CACHE_SECONDS);
    // the proxy answers the next requests of this page from memory for a few seconds (server/page-cache.ts)
    if (e.PAGE_CACHE_SECONDS > 0) rememberPage(page, out, secrets.placeholder, generation);
    return new Response(withNonce(out.html, secrets.placeholder, nonce), {
      status: out.status,
      headers: { ...cachedPageHeaders(out.contentType), ...(out.location ? { location: out.location } : {}) },
    });
  } catch (err) {
    logger("page-cache").error("page cache render failed", { err, page: page.path });
    return new Response("Service unavailable", { status: 503, headers: { "retry-after": "5" } });
  }
}
