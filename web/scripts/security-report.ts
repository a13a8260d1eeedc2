/**
 * `pnpm --filter @smolitux/web security:report [--url <base URL>]` — prints the HTTP security surface:
 * the security headers per route class (a page, an API route, a media file, a static asset, a refused
 * cross-site POST, refused server actions), the body limits, the rate limits and the session settings. Without `--url` the headers
 * are produced in-process by the real proxy (src/proxy.ts) and route() wrapper; with `--url` they are the
 * ones a running server answers. Figures only — it asserts nothing.
 */
import { parseArgs } from "node:util";
import { NextRequest } from "next/server";
import { proxy } from "../src/proxy.ts";
import { route } from "../src/server/http.ts";
import { RATE_LIMITS, SHARED_ADDRESS_FACTOR } from "../src/server/rate-limit.ts";
import { DEFAULT_BODY_LIMIT_BYTES, STRIPE_WEBHOOK_MAX_BYTES } from "../src/server/security/body.ts";
import { MAX_CHUNK_BYTES } from "../src/features/media/uploads.ts";
import { SERVER_ACTION_BODY_LIMIT_BYTES } from "../src/server/security/page-body.ts";

const { values } = parseArgs({ options: { url: { type: "string" } } });
const SHOWN = [
  "content-security-policy",
  "strict-transport-security",
  "x-content-type-options",
  "referrer-policy",
  "permissions-policy",
  "x-frame-options",
  "cross-origin-opener-policy",
];

type Probe = { label: string; method: string; path: string; headers?: Record<string, string>; body?: string };
const appUrl = values.url ?? process.env.APP_URL ?? "http://localhost:3000";
/** A server action request as React sends it (the action id does not matter: the proxy answers first). */
const action = (label: string, origin: string, body: string): Probe => ({
  label,
  method: "POST",
  path: "/",
  headers: {
    host: new URL(appUrl).host,
    origin,
    "next-action": "7f00000000000000000000000000000000000000ab",
    "content-type": "text/plain;charset=UTF-8",
  },
  body,
});
const PROBES: Probe[] = [
  { label: "page (HTML)", method: "GET", path: "/" },
  { label: "API route (JSON)", method: "GET", path: "/api/health" },
  { label: "media file", method: "GET", path: "/api/media/unknown-asset" },
  { label: "static asset", method: "GET", path: "/_next/static/none.js" },
  {
    label: "chunked POST to a page (live only)",
    method: "POST",
    path: "/courses",
    headers: { "transfer-encoding": "chunked" },
  },
  {
    label: "cross-site POST",
    method: "POST",
    path: "/api/auth/siwe/nonce",
    headers: { origin: "https://evil.example" },
  },
  action("cross-site server action", "https://evil.example", '["de"]'),
  action("server action with an undecodable payload", new URL(appUrl).origin, "{{{"),
];

async function inProcess(p: Probe): Promise<{ status: number; headers: Headers }> {
  const base = process.env.APP_URL ?? "http://localhost:3000";
  const req = new NextRequest(new URL(p.path, base), { method: p.method, headers: p.headers, body: p.body });
  // Static assets and page-path bodies are answered by Next.js's routing (next.config.ts), not in-process.
  if (p.path.startsWith("/_next/") || p.headers?.["transfer-encoding"]) return { status: 0, headers: new Headers() };
  if (!p.path.startsWith("/api/")) {
    const res = await proxy(req);
    return { status: res.status, headers: res.headers };
  }
  const res = await route(async (_r: Request) => Response.json({}), {
    policy: p.path.startsWith("/api/media/") ? "media" : "api",
  })(req);
  return { status: res.status, headers: res.headers };
}

async function live(base: string, p: Probe): Promise<{ status: number; headers: Headers }> {
  const chunked = p.headers?.["transfer-encoding"] !== undefined;
  // fetch sets Host itself (from the URL)
  const { "transfer-encoding": _te, host: _host, ...headers } = p.headers ?? {};
  // A chunked body (fetch streams without a length); 64 KB suffice: the answer comes from the headers.
  const body = chunked
    ? new ReadableStream<Uint8Array>({
        start(c) {
          c.enqueue(new Uint8Array(64 * 1024).fill(0x20));
          c.close();
        },
      })
    : p.body;
  const res = await fetch(new URL(p.path, base), {
    method: p.method,
    headers,
    body,
    redirect: "manual",
    ...(chunked ? { duplex: "half" } : {}),
  } as RequestInit);
  await res.body?.cancel();
  return { status: res.status, headers: res.headers };
}

process.env.DATABASE_URL ??= "postgres://report@127.0.0.1:1/none"; // never connected: headers need no database
console.log(
  `Security report (${values.url ? `live: ${values.url}` : "in-process, APP_URL=" + (process.env.APP_URL ?? "http://localhost:3000")})\n`,
);
console.log("Headers per route class");
for (const p of PROBES) {
  const { status, headers } = values.url ? await live(values.url, p) : await inProcess(p);
  console.log(`\n  ${p.label} — ${p.method} ${p.path} → ${status || "(not served in-process; use --url)"}`);
  for (const name of SHOWN) {
    const v = headers.get(name);
    if (v) console.log(`    ${name}: ${v.replace(/'nonce-[^']+'/, "'nonce-<per request>'")}`);
  }
}
const mb = (n: number) => `${n} bytes (${(n / 1024 / 1024).toFixed(0)} MB)`;
console.log("\nBody limits (413 before parsing; streamed and cancelled at the limit)");
console.log(`  JSON routes (default, per route via route({ maxBodyBytes })): ${mb(DEFAULT_BODY_LIMIT_BYTES)}`);
console.log(`  Stripe webhook: ${mb(STRIPE_WEBHOOK_MAX_BYTES)}`);
console.log(`  upload chunk (PUT /api/uploads/<id>): ${mb(MAX_CHUNK_BYTES)}`);
console.log(
  `  page paths: server actions only (POST + Next-Action, ≤ ${mb(SERVER_ACTION_BODY_LIMIT_BYTES)}); ` +
    "chunked or larger → 413, any other body → 405 — decided from the headers (next.config.ts rewrites)",
);
console.log(
  "  server actions (src/proxy.ts, before Next.js runs them): Origin neither APP_URL nor the custom domain they " +
    "were sent to, or Origin ≠ Host → 403; a payload React's decoder cannot decode → 400; Next-Action on " +
    "PUT/PATCH/DELETE → 405",
);
console.log("\nRate limits (PostgreSQL RateLimitCounter, shared by all replicas; 429 + Retry-After)");
for (const [name, r] of Object.entries(RATE_LIMITS)) {
  console.log(
    `  ${name.padEnd(26)} ${String(r.max).padStart(4)} per ${String(r.windowSeconds / 60).padStart(3)} min — ${r.counts}`,
  );
}
console.log(
  `  without TRUST_PROXY all clients share one address with ${SHARED_ADDRESS_FACTOR}× the per-address limits`,
);
console.log("\nSessions and proxy");
console.log(`  TRUST_PROXY=${process.env.TRUST_PROXY ?? "0"} (X-Forwarded-For hops trusted)`);
console.log(
  `  SESSION_MAX_AGE_SECONDS=${process.env.SESSION_MAX_AGE_SECONDS ?? "2592000"}, SESSION_IDLE_TIMEOUT_SECONDS=${process.env.SESSION_IDLE_TIMEOUT_SECONDS ?? "604800"}`,
);
