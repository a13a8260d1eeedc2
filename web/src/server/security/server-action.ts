/**
 * Server-action requests (`POST` with a `Next-Action` header on a page path) checked by `src/proxy.ts` before
 * Next.js's action handler sees them. Next.js answers several malformed or foreign action requests with 500
 * (issue 11 §10: no input may give a 500):
 *
 * - an `Origin` whose host differs from `X-Forwarded-Host`/`Host` (its own CSRF check), or one that is not a
 *   URL at all → here 403 (see {@link actionHostMismatch}; the proxy's CSRF check against APP_URL runs first);
 * - a payload React's `decodeReply` cannot decode (not JSON, references to parts that do not exist, a BigInt
 *   that is not a number, nesting deeper than its stack) or whose arguments are not a list → here 400
 *   ({@link checkActionPayload});
 * - a `Next-Action` header on another method than POST (a page then renders as if the body were not there) → 405.
 *
 * The payload rules accept what React's client encodes for serializable arguments (`encodeReply`): a JSON list
 * of at most {@link MAX_ACTION_ARGS} arguments whose strings starting with `$` are React's escapes and special
 * values (`$$…`, `$u`, `$N`, `$I`, `$-0`, `$-Infinity`, `$D<date>`, `$n<digits>`, `$T`, `$K<id>`) or references
 * to other parts of a multipart payload that exist and are themselves valid (`$<id>` outlined objects, `$Q<id>`
 * maps, `$W<id>` sets, `$i<id>` iterables). Server functions, promises, streams, typed arrays, blobs and
 * property paths (`$1:a:b`) as arguments are refused — the app's actions take none — and so are the keys
 * `__proto__`, `constructor` and `prototype` (as in every JSON API body). Unknown action ids are left to Next.js,
 * which answers them with 400/409 itself.
 */

import { customDomainHost } from "./custom-domain.ts";

/** The most arguments Next.js lets an action have (`SERVER_ACTION_ARGS_LIMIT`; more → 500 there). */
export const MAX_ACTION_ARGS = 1000;
/** Deepest nesting of arrays/objects accepted (React's decoder recurses: far deeper nesting overflows its stack). */
export const MAX_ACTION_DEPTH = 64;

/** Whether the request is a server action as Next.js recognizes one (any method; POST is the only valid one). */
export function isServerActionRequest(headers: Headers): boolean {
  return headers.has("next-action");
}

/**
 * Next.js's own CSRF rule for actions: a present `Origin` must name the host the request was sent to
 * (`X-Forwarded-Host`'s first entry, else `Host`). Next.js answers a mismatch — and an `Origin` that is no URL —
 * with 500; the proxy refuses it with 403 first.
 * @returns true when Next.js would refuse the action
 */
export function actionHostMismatch(headers: Headers): boolean {
  const origin = headers.get("origin");
  if (origin === null) return false;
  let originHost: string;
  try {
    originHost = origin === "null" ? "null" : new URL(origin).host;
  } catch {
    return true;
  }
  const forwarded = headers.get("x-forwarded-host")?.split(",")[0]?.trim();
  const host = forwarded || headers.get("host");
  return !host || host !== originHost;
}

/**
 * Whether a server action comes from the page of a provider's custom domain it was sent to (`Origin` = that
 * Host, e.g. the language switcher on a storefront): same-origin, so no forgery — and such a host carries no
 * session cookie (sign-in happens on APP_URL only), so the action runs for an anonymous visitor. The proxy accepts
 * these besides actions from APP_URL's origin.
 */
export function customDomainSameOrigin(headers: Headers, appUrl: string): boolean {
  return (
    headers.get("origin") !== null &&
    !actionHostMismatch(headers) &&
    customDomainHost(headers.get("host"), appUrl) !== null
  );
}

/** A payload part: a string field or an uploaded file. */
type Part = string | Blob;

const PROTOTYPE_KEYS = new Set(["__proto__", "constructor", "prototype"]);
const HEX_ID = /^[0-9a-f]{1,8}$/i;
const BIGINT = /^-?\d{1,300}$/;
/**
 * Tags whose value is complete in itself and never throws: escaped string, Date, temporary reference, undefined,
 * hole, NaN, Infinity, -0/-Infinity, FormData (built from fields with that prefix, possibly none).
 */
const SELF_CONTAINED = new Set(["$", "D", "T", "u", "H", "N", "I", "-", "K"]);
/** Tags refused: server references, promises, typed arrays, blobs, streams and async iterables. */
const REFUSED = new Set([..."h@AOoUSsLlGgMmVBRrXx"]);

class Malformed extends Error {}

/** Validates React reply values; `parts` are the payload's fields by name ("0" is the argument list). */
class ReplyChecker {
  private readonly checked = new Set<string>();
  constructor(private readonly parts: Map<string, Part>) {}

  /** Checks the part `id` (decimal field name) as JSON; `shape` what it must hold. */
  part(id: string, shape: "any" | "list" | "pairs", depth: number): void {
    const key = `${id}:${shape}`;
    if (this.checked.has(key)) return; // referenced twice (or a cycle): checked once
    this.checked.add(key);
    const raw = this.parts.get(id);
    if (typeof raw !== "string") throw new Malformed(`part ${id} is missing`);
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch {
      throw new Malformed(`part ${id} is not JSON`);
    }
    if (shape !== "any" && !Array.isArray(value)) throw new Malformed(`part ${id} is not a list`);
    if (shape === "pairs" && !(value as unknown[]).every((e) => Array.isArray(e) && e.length === 2)) {
      throw new Malformed(`part ${id} is not a list of pairs`);
    }
    this.value(value, depth);
  }

  value(value: unknown, depth: number): void {
    if (depth > MAX_ACTION_DEPTH) throw new Malformed("nested too deeply");
    if (typeof value === "string") return this.string(value, depth);
    if (Array.isArray(value)) {
      for (const v of value) this.value(v, depth + 1);
      return;
    }
    if (value !== null && typeof value === "object") {
      for (const [k, v] of Object.entries(value)) {
        if (PROTOTYPE_KEYS.has(k)) throw new Malformed(`the key "${k}" is not allowed`);
        this.value(v, depth + 1);
      }
    }
  }

  private string(s: string, depth: number): void {
    if (s[0] !== "$" || s.length === 1) return;
    const tag = s[1]!;
    const rest = s.slice(2);
    // React's decoder dispatches on the character after `$` first; only then is the rest an outlined part's id.
    if (SELF_CONTAINED.has(tag)) return;
    if (tag === "n") {
      if (BIGINT.test(rest)) return;
    } else if (tag === "Q" || tag === "W" || tag === "i") {
      if (HEX_ID.test(rest)) return this.part(String(parseInt(rest, 16)), tag === "Q" ? "pairs" : "list", depth + 1);
    } else if (!REFUSED.has(tag) && HEX_ID.test(s.slice(1))) {
      return this.part(String(parseInt(s.slice(1), 16)), "any", depth + 1);
    }
    throw new Malformed(`the value "${s.slice(0, 20)}" is not accepted`);
  }
}

/**
 * Checks a server-action payload as React's `decodeReply` would read it (rules: module comment).
 * @param contentType the request's `Content-Type` (multipart → form fields; anything else → the text is part "0")
 * @param body the whole body (at most SERVER_ACTION_BODY_LIMIT_BYTES: the proxy's matcher never sees a larger one)
 * @returns null when Next.js can decode it, else the reason (answer 400)
 */
export async function checkActionPayload(contentType: string | null, body: Uint8Array): Promise<string | null> {
  const type = (contentType ?? "").toLowerCase();
  const parts = new Map<string, Part>();
  if (type.startsWith("multipart/form-data")) {
    let form: FormData;
    try {
      form = await new Request("http://action.invalid/", {
        method: "POST",
        headers: { "content-type": contentType! },
        body: body as BodyInit,
      }).formData();
    } catch {
      return "the multipart payload cannot be read";
    }
    for (const [name, value] of form.entries()) if (!parts.has(name)) parts.set(name, value);
  } else if (type.startsWith("application/x-www-form-urlencoded")) {
    return null; // Next.js does not run such actions and answers 404 itself
  } else {
    parts.set("0", new TextDecoder().decode(body));
  }
  const root = parts.get("0");
  if (typeof root !== "string") return "the payload has no argument list";
  try {
    new ReplyChecker(parts).part("0", "list", 0);
    const args = JSON.parse(root) as unknown[];
    if (args.length > MAX_ACTION_ARGS) return `more than ${MAX_ACTION_ARGS} arguments`;
  } catch (err) {
    if (err instanceof Malformed) return err.message;
    if (err instanceof RangeError) return "nested too deeply";
    throw err;
  }
  return null;
}
