/**
 * Request bodies on page paths (everything outside `/api/`). Pages take no request bodies except server
 * actions, which React sends as `POST` with a `Next-Action` header and a declared `Content-Length`. Next.js
 * handles any other body itself: a server action is read up to `serverActions.bodySizeLimit` and a larger one
 * answers 500; with a proxy (`src/proxy.ts`) in the way it would even wait for the whole body before answering.
 * So these requests never reach a page, the proxy or Next.js's action handler: rewrite rules in next.config.ts
 * (`rewrites().beforeFiles`, evaluated on the headers alone, before any byte of the body is read) send them to
 * `/api/refused-body`, which answers at once without reading the body and closes the connection:
 *
 * - a body without a declared length (`Transfer-Encoding`, e.g. chunked) → 413;
 * - a declared `Content-Length` above {@link SERVER_ACTION_BODY_LIMIT_BYTES} → 413;
 * - a non-empty body without a `Next-Action` header (not a server action) → 405, `Allow: GET, HEAD`.
 *
 * Server actions within the limit pass unchanged (Next.js then enforces the same limit while streaming).
 * Form posts without JavaScript (progressive-enhancement form actions, which carry no `Next-Action` header)
 * are therefore not supported — the app has none.
 */

/** Largest server-action request body: 1 MB (1,048,576 bytes), the same as a JSON API body by default. */
export const SERVER_ACTION_BODY_LIMIT_BYTES = 1024 * 1024;

/** The internal route that answers refused page-path bodies (src/app/api/refused-body/route.ts). */
export const REFUSED_BODY_PATH = "/api/refused-body";

/**
 * A regular expression source (unanchored; Next.js anchors header patterns) that matches exactly the
 * decimal strings (leading zeros allowed) whose value is greater than `n`.
 * @param n a non-negative safe integer
 */
export function decimalGreaterThan(n: number): string {
  if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`not a non-negative safe integer: ${n}`);
  const digits = String(n);
  const len = digits.length;
  // More significant digits than n has.
  const alternatives = [`[1-9]\\d{${len},}`];
  // Same number of digits: equal up to position i, greater at i, anything after.
  for (let i = 0; i < len; i++) {
    const d = Number(digits[i]);
    if (d === 9) continue;
    const rest = len - i - 1;
    const lowest = i === 0 ? Math.max(d + 1, 1) : d + 1;
    const range = lowest === 9 ? "9" : `[${lowest}-9]`;
    alternatives.push(`${digits.slice(0, i)}${range}${rest > 1 ? `\\d{${rest}}` : rest === 1 ? "\\d" : ""}`);
  }
  return `0*(?:${alternatives.join("|")})`;
}

/** A `has`/`missing` condition of a Next.js rewrite. */
interface HeaderCondition {
  type: "header";
  key: string;
  value?: string;
}

/** One Next.js rewrite rule (the subset used here). */
export interface BodyRewrite {
  source: string;
  destination: string;
  has?: HeaderCondition[];
  missing?: HeaderCondition[];
}

/** Every path except API routes (which bound their bodies themselves in `route()`, server/http.ts). */
const PAGE_PATHS = "/((?!api/).*)";

/** A `Content-Length` with a non-zero value. */
export const NON_ZERO_LENGTH = "0*[1-9]\\d*";

/**
 * The `rewrites().beforeFiles` rules of next.config.ts that send refused page-path bodies to
 * {@link REFUSED_BODY_PATH} (see the module comment for the rules).
 */
export function pageBodyRewrites(limitBytes: number = SERVER_ACTION_BODY_LIMIT_BYTES): BodyRewrite[] {
  return [
    {
      source: PAGE_PATHS,
      destination: REFUSED_BODY_PATH,
      has: [{ type: "header", key: "transfer-encoding" }],
    },
    {
      source: PAGE_PATHS,
      destination: REFUSED_BODY_PATH,
      has: [{ type: "header", key: "content-length", value: decimalGreaterThan(limitBytes) }],
    },
    {
      source: PAGE_PATHS,
      destination: REFUSED_BODY_PATH,
      has: [{ type: "header", key: "content-length", value: NON_ZERO_LENGTH }],
      missing: [{ type: "header", key: "next-action" }],
    },
  ];
}

/** How {@link REFUSED_BODY_PATH} answers a request with these headers. */
export function refusedBodyStatus(headers: Headers, limitBytes: number = SERVER_ACTION_BODY_LIMIT_BYTES): 405 | 413 {
  if (headers.has("transfer-encoding")) return 413;
  const declared = headers.get("content-length");
  if (declared !== null && new RegExp(`^${decimalGreaterThan(limitBytes)}$`).test(declared.trim())) return 413;
  return 405;
}
