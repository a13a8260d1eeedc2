/**
 * Answers request bodies sent to page paths, which next.config.ts rewrites here before any byte of the body
 * is read (rules and reasons: server/security/page-body.ts): 413 for a body without a declared length or one
 * above the server-action limit, 405 (`Allow: GET, HEAD`) for any other body that is not a server action.
 * The body is never read, and `Connection: close` ends the connection instead of draining the rest of it
 * (lingering close, so the client can read this answer: server/security/lingering-close.ts).
 */
import { ApiError, errorResponse, route } from "@/server/http.ts";
import { refusedBodyStatus, SERVER_ACTION_BODY_LIMIT_BYTES } from "@/server/security/page-body.ts";

const refuse = route(
  async (req: Request) => {
    const status = refusedBodyStatus(req.headers);
    const res =
      status === 413
        ? errorResponse(
            new ApiError(
              "payload_too_large",
              `Pages accept no request body larger than ${SERVER_ACTION_BODY_LIMIT_BYTES} bytes, and none without a declared length.`,
            ),
          )
        : errorResponse(new ApiError("method_not_allowed", "Pages accept no request body."));
    if (status === 405) res.headers.set("Allow", "GET, HEAD");
    res.headers.set("Connection", "close");
    return res;
  },
  // The decision is made here from the headers (with `Connection: close`), not by route()'s own checks: it
  // changes nothing, so no CSRF check; no body is read, so no length check either.
  { maxBodyBytes: Number.MAX_SAFE_INTEGER, csrf: false },
);

export const GET = refuse;
export const HEAD = refuse;
export const POST = refuse;
export const PUT = refuse;
export const PATCH = refuse;
export const DELETE = refuse;
export const OPTIONS = refuse;
