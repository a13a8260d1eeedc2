/**
 * HTTP conventions of every API route: errors are `{ "error": { "code", "message", "fields"? } }` with a
 * stable machine-readable `code` and the matching status (400, 401, 403, 404, 409, 413, 415, 422, 429).
 * Route handlers stay thin: parse → authorize → call a service → map errors with {@link route}.
 */
import { NextResponse } from "next/server";
import { z } from "zod";
import { logger } from "./logger.ts";
import { changesPublicPages, invalidatePublicPages } from "./page-cache.ts";
import { securityEnv } from "./env.ts";
import { ApiError } from "./http-error.ts";
import { assertDeclaredLength, DEFAULT_BODY_LIMIT_BYTES, readBodyText } from "./security/body.ts";
import { checkCsrf } from "./security/csrf.ts";
import { applySecurityHeaders, securityConfig, type PolicyKind, type SecurityConfig } from "./security/headers.ts";

export { ApiError, type ApiErrorCode } from "./http-error.ts";
export { DEFAULT_BODY_LIMIT_BYTES } from "./security/body.ts";

/** `{ field.path: message }` from a zod error (first message per path). */
export function zodFields(error: z.ZodError): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = issue.path.join(".") || "_";
    fields[key] ??= issue.message;
  }
  return fields;
}

/**
 * Parses `input` with `schema`.
 * @throws ApiError("validation_failed") with per-field messages
 */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const result = schema.safeParse(input);
  if (!result.success) throw new ApiError("validation_failed", "The request is invalid.", zodFields(result.error));
  return result.data;
}

/** Keys that could reach an object's prototype chain in a careless merge: refused in every JSON body. */
const PROTOTYPE_KEYS = new Set(["__proto__", "constructor", "prototype"]);
/** C0 control characters other than TAB, LF, CR, and DEL: never valid in any text field (PostgreSQL refuses NUL). */
const CONTROL_CHARS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

/** JSON.parse reviver of every request body: refuses prototype keys and control characters (400). */
function rejectUnsafeJson(key: string, value: unknown): unknown {
  if (PROTOTYPE_KEYS.has(key)) throw new ApiError("bad_request", `The key "${key}" is not allowed.`);
  if (CONTROL_CHARS.test(key) || (typeof value === "string" && CONTROL_CHARS.test(value))) {
    throw new ApiError("bad_request", "Text may not contain control characters.");
  }
  return value;
}

/**
 * Refuses path and query parameters with control characters or of absurd length (400) before any handler
 * sees them — they would otherwise reach the database (NUL → driver error) or a header.
 */
async function assertSafeParams(req: Request, ctx: unknown): Promise<void> {
  const values: string[] = [...new URL(req.url).searchParams.values()];
  const params = (ctx as { params?: unknown } | undefined)?.params;
  if (params) {
    for (const v of Object.values((await params) as Record<string, unknown>)) {
      if (typeof v === "string") values.push(v);
      else if (Array.isArray(v)) values.push(...v.filter((x): x is string => typeof x === "string"));
    }
  }
  for (const v of values) {
    if (CONTROL_CHARS.test(v) || v.length > MAX_PARAM_LENGTH) {
      throw new ApiError("bad_request", "A path or query parameter is malformed.");
    }
  }
}

/** Longest accepted path or query parameter (characters). */
const MAX_PARAM_LENGTH = 2048;

/** Per-request body limit set by {@link route} (so {@link jsonBody} applies the route's own limit). */
const bodyLimits = new WeakMap<Request, number>();

/**
 * Reads and parses a JSON body of at most the route's limit ({@link RouteOptions.maxBodyBytes}, default 1 MB;
 * `limitBytes` overrides it). The body is streamed and cancelled at the limit — never buffered beyond it.
 * @throws ApiError("unsupported_media_type") when not `application/json`, ("payload_too_large") over the
 *   limit, ("bad_request") when malformed
 */
export async function jsonBody<S extends z.ZodType>(req: Request, schema: S, limitBytes?: number): Promise<z.infer<S>> {
  if (!(req.headers.get("content-type") ?? "").toLowerCase().startsWith("application/json")) {
    throw new ApiError("unsupported_media_type", "Send the body as application/json.");
  }
  const text = await readBodyText(req, limitBytes ?? bodyLimits.get(req) ?? DEFAULT_BODY_LIMIT_BYTES);
  let raw: unknown;
  try {
    raw = JSON.parse(text, rejectUnsafeJson);
  } catch (err) {
    if (err instanceof ApiError) throw err;
    throw new ApiError("bad_request", "The body is not valid JSON.");
  }
  return parseInput(schema, raw);
}

/** The JSON error response for `err` (unknown errors become 500 `internal` without details). */
export function errorResponse(err: unknown): NextResponse {
  if (err instanceof ApiError) {
    const res = NextResponse.json(
      { error: { code: err.code, message: err.message, ...(err.fields ? { fields: err.fields } : {}) } },
      { status: err.status },
    );
    // Rate-limit errors (429) say how long to wait.
    const wait = (err as { retryAfterSeconds?: unknown }).retryAfterSeconds;
    if (typeof wait === "number" && Number.isFinite(wait)) res.headers.set("Retry-After", String(Math.ceil(wait)));
    return res;
  }
  if (isTransientDbError(err)) {
    // A transaction that lost a race (deadlock, serialization/write conflict, timed out): nothing was
    // written; the caller may retry at once (Stripe redelivers webhooks on any 5xx).
    logger("http").warn("transient database conflict; answered 503", { error: err });
    const res = NextResponse.json(
      { error: { code: "unavailable", message: "The request collided with another one; retry it." } },
      { status: 503 },
    );
    res.headers.set("Retry-After", "1");
    return res;
  }
  if (isUpstreamUnavailable(err)) {
    // The chain RPC (or Stripe) did not answer: nothing about the request was wrong; it may be retried.
    logger("http").warn("an upstream service is unreachable; answered 503", { error: err });
    const res = NextResponse.json(
      { error: { code: "unavailable", message: "A service this request needs cannot be reached; retry later." } },
      { status: 503 },
    );
    res.headers.set("Retry-After", "5");
    return res;
  }
  logger("http").error("unhandled error in a route handler", { error: err });
  return NextResponse.json({ error: { code: "internal", message: "Something went wrong." } }, { status: 500 });
}

/**
 * Whether `err` is a transient PostgreSQL/Prisma conflict after which the whole request can simply be
 * retried: deadlock (40P01), serialization failure (40001), Prisma's write conflict/deadlock (P2034) or
 * interactive-transaction timeout (P2028). Matched by code, wherever the driver puts it.
 */
export function isTransientDbError(err: unknown): boolean {
  const codes = new Set(["40P01", "40001", "P2034", "P2028"]);
  const seen = new Set<unknown>();
  for (let e: unknown = err; e && typeof e === "object" && !seen.has(e); e = (e as { cause?: unknown }).cause) {
    seen.add(e);
    const { code, meta } = e as { code?: unknown; meta?: { code?: unknown } };
    if (typeof code === "string" && codes.has(code)) return true;
    if (typeof meta?.code === "string" && codes.has(meta.code)) return true;
  }
  return false;
}

/** Errors of an unreachable upstream: viem's transport failures (chain RPC) and Stripe's connection error. */
const UPSTREAM_UNAVAILABLE = new Set([
  "HttpRequestError",
  "TimeoutError",
  "WebSocketRequestError",
  "SocketClosedError",
  "StripeConnectionError",
]);

/**
 * Whether `err` (or an error in its `cause` chain) says an upstream service — the chain RPC, Stripe — could not be
 * reached or did not answer in time. Matched by the error's name (viem and Stripe set them).
 */
export function isUpstreamUnavailable(err: unknown): boolean {
  const seen = new Set<unknown>();
  for (let e: unknown = err; e && typeof e === "object" && !seen.has(e); e = (e as { cause?: unknown }).cause) {
    seen.add(e);
    const { name, type } = e as { name?: unknown; type?: unknown };
    if (typeof name === "string" && UPSTREAM_UNAVAILABLE.has(name)) return true;
    if (typeof type === "string" && UPSTREAM_UNAVAILABLE.has(type)) return true;
  }
  return false;
}

/** Options of {@link route}. */
export interface RouteOptions {
  /** largest request body in bytes (default {@link DEFAULT_BODY_LIMIT_BYTES} = 1 MB); a larger declared length → 413 */
  maxBodyBytes?: number;
  /** Content-Security-Policy kind of the responses (default `api`; `/api/media` uses `media`) */
  policy?: Exclude<PolicyKind, "page">;
  /**
   * `false` skips the Origin / Sec-Fetch-Site check — only for endpoints that authenticate every request by
   * other means and are called by servers, never by browsers with cookies (the Stripe webhook).
   */
  csrf?: false;
}

let cachedSecurity: SecurityConfig | undefined;

/** The process' security-header configuration (from env, computed once). */
export function httpSecurity(): SecurityConfig {
  cachedSecurity ??= securityConfig(securityEnv());
  return cachedSecurity;
}

/**
 * Wraps a route handler — the one place where every API route gets its HTTP rules:
 * 1. CSRF: state-changing methods must come from APP_URL's origin (see security/csrf.ts) → else 403;
 * 2. body limit: a declared `Content-Length` over `maxBodyBytes` → 413 (with `Connection: close`: the rest is
 *    not drained) before the handler runs, and
 *    {@link jsonBody} stops reading at that limit;
 * 3. thrown errors become API error responses (unknown errors → 500 without details);
 * 4. security headers (CSP, nosniff, Referrer-Policy, Permissions-Policy, frame-ancestors, HSTS) on every answer.
 */
export function route<A extends unknown[]>(
  handler: (...args: A) => Promise<Response>,
  options: RouteOptions = {},
): (...args: A) => Promise<Response> {
  const limit = options.maxBodyBytes ?? DEFAULT_BODY_LIMIT_BYTES;
  return async (...args: A) => {
    const security = httpSecurity();
    let res: Response;
    try {
      const req = args[0];
      if (req instanceof Request) {
        if (options.csrf !== false && checkCsrf(req.method, req.headers, security.appUrl) !== null) {
          throw new ApiError("forbidden", "Cross-site request refused.");
        }
        assertDeclaredLength(req.headers, limit);
        await assertSafeParams(req, args[1]);
        bodyLimits.set(req, limit);
      }
      res = await handler(...args);
      // Writes that can change the home page, the catalog or a course page expire the anonymous page cache.
      if (req instanceof Request && res.status < 400 && changesPublicPages(req.method, new URL(req.url).pathname)) {
        await invalidatePublicPages();
      }
    } catch (err) {
      res = errorResponse(err);
      // The rest of a refused body is not drained: the connection ends with the answer.
      if (res.status === 413) res.headers.set("Connection", "close");
    }
    return applySecurityHeaders(res, options.policy ?? "api", security);
  };
}
