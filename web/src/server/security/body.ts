/**
 * Bounded request bodies: a declared `Content-Length` above the limit is refused with 413 before a byte is
 * read; otherwise the body stream is read chunk by chunk and cancelled (not drained, not buffered) as soon
 * as it passes the limit. Memory per request is therefore at most the limit, whatever the client sends.
 */
import { ApiError } from "../http-error.ts";

/** Default limit of a JSON body: 1 MB (1,048,576 bytes). */
export const DEFAULT_BODY_LIMIT_BYTES = 1024 * 1024;

/** Limit of a Stripe webhook delivery: 1 MB (events are a few KB; larger deliveries get 413 unread). */
export const STRIPE_WEBHOOK_MAX_BYTES = 1024 * 1024;

function tooLarge(limitBytes: number): ApiError {
  return new ApiError("payload_too_large", `The request body may be at most ${limitBytes} bytes.`);
}

/**
 * Refuses a request whose `Content-Length` exceeds `limitBytes`.
 * @throws ApiError("payload_too_large") → 413; ApiError("bad_request") for a malformed Content-Length
 */
export function assertDeclaredLength(headers: Headers, limitBytes: number): void {
  const declared = headers.get("content-length");
  if (declared === null) return;
  if (!/^\d{1,16}$/.test(declared.trim())) throw new ApiError("bad_request", "Malformed Content-Length.");
  if (Number(declared) > limitBytes) throw tooLarge(limitBytes);
}

/**
 * Reads the whole body (at most `limitBytes` bytes) as bytes.
 * @throws ApiError("payload_too_large") → 413 as soon as the limit is passed (the stream is cancelled)
 */
export async function readBodyBytes(req: Request, limitBytes: number): Promise<Uint8Array> {
  assertDeclaredLength(req.headers, limitBytes);
  if (!req.body) return new Uint8Array(0);
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > limitBytes) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge(limitBytes);
    }
    chunks.push(value);
  }
  const out = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.byteLength;
  }
  return out;
}

/**
 * Reads the body as UTF-8 text (at most `limitBytes` bytes).
 * @throws ApiError("payload_too_large") → 413; ApiError("bad_request") when not valid UTF-8
 */
export async function readBodyText(req: Request, limitBytes: number): Promise<string> {
  const bytes = await readBodyBytes(req, limitBytes);
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new ApiError("bad_request", "The body is not valid UTF-8.");
  }
}
