/**
 * HTTP conventions of every API route: errors are `{ "error": { "code", "message", "fields"? } }` with a
 * stable machine-readable `code` and the matching status (400, 401, 403, 404, 409, 413, 415, 422, 429).
 * Route handlers stay thin: parse → authorize → call a service → map errors with {@link route}.
 */
import { NextResponse } from "next/server";
import { z } from "zod";

export type ApiErrorCode =
  | "bad_request"
  | "validation_failed"
  | "unauthenticated"
  | "forbidden"
  | "not_found"
  | "conflict"
  | "payload_too_large"
  | "unsupported_media_type"
  | "unprocessable"
  | "rate_limited"
  | "unavailable"
  | "internal";

const STATUS: Record<ApiErrorCode, number> = {
  bad_request: 400,
  validation_failed: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  unprocessable: 422,
  rate_limited: 429,
  /** an upstream service (e.g. Stripe) did not answer; retrying later may work */
  unavailable: 503,
  internal: 500,
};

/** An error meant for the API caller. `fields` maps input paths to messages (shown beside form fields). */
export class ApiError extends Error {
  constructor(
    readonly code: ApiErrorCode,
    message: string,
    readonly fields?: Record<string, string>,
  ) {
    super(message);
    this.name = "ApiError";
  }
  get status(): number {
    return STATUS[this.code];
  }
}

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

/**
 * Reads and parses a JSON body.
 * @throws ApiError("unsupported_media_type") when not `application/json`, ("bad_request") when malformed
 */
export async function jsonBody<S extends z.ZodType>(req: Request, schema: S): Promise<z.infer<S>> {
  if (!(req.headers.get("content-type") ?? "").toLowerCase().startsWith("application/json")) {
    throw new ApiError("unsupported_media_type", "Send the body as application/json.");
  }
  let raw: unknown;
  try {
    raw = await req.json();
  } catch {
    throw new ApiError("bad_request", "The body is not valid JSON.");
  }
  return parseInput(schema, raw);
}

/** The JSON error response for `err` (unknown errors become 500 `internal` without details). */
export function errorResponse(err: unknown): NextResponse {
  if (err instanceof ApiError) {
    return NextResponse.json(
      { error: { code: err.code, message: err.message, ...(err.fields ? { fields: err.fields } : {}) } },
      { status: err.status },
    );
  }
  console.error(err);
  return NextResponse.json({ error: { code: "internal", message: "Something went wrong." } }, { status: 500 });
}

/** Wraps a route handler so that thrown errors become API error responses. */
export function route<A extends unknown[]>(
  handler: (...args: A) => Promise<Response>,
): (...args: A) => Promise<Response> {
  return async (...args: A) => {
    try {
      return await handler(...args);
    } catch (err) {
      return errorResponse(err);
    }
  };
}
