/**
 * One-click unsubscribe (RFC 8058) of non-transactional mail, the URL of the mails' `List-Unsubscribe` header.
 * - POST `?token=<token>` with the body `List-Unsubscribe=One-Click` (form-urlencoded or multipart) → 200
 *   `{category, unsubscribed: true}`: that category of mail is off for the token's account. No sign-in; idempotent.
 *   400 `fields.token = invalid_token` for a malformed or forged token, 400 without the one-click body, 404 when the
 *   account is gone.
 * - GET → 303 to the `/unsubscribe` page (a GET never changes anything: link scanners open mailed links).
 */
import { NextResponse } from "next/server";
import { z } from "zod";
import { unsubscribe, verifyUnsubscribeToken } from "@/features/mail/unsubscribe.ts";
import { resolveAuthSecret } from "@/server/auth/secret.ts";
import { db } from "@/server/db.ts";
import { env } from "@/server/env.ts";
import { ApiError, parseInput, route } from "@/server/http.ts";
import { readBodyText } from "@/server/security/body.ts";

const query = z.object({ token: z.string({ error: "invalid_token" }).max(200, "invalid_token") });
const MAX_BODY_BYTES = 4096;

/** Whether the body is RFC 8058's `List-Unsubscribe=One-Click`. */
async function isOneClick(req: Request): Promise<boolean> {
  const type = (req.headers.get("content-type") ?? "").toLowerCase();
  const text = await readBodyText(req, MAX_BODY_BYTES);
  let form: URLSearchParams | FormData;
  if (type.startsWith("application/x-www-form-urlencoded")) form = new URLSearchParams(text);
  else if (type.startsWith("multipart/form-data")) {
    form = await new Response(text, { headers: { "content-type": type } }).formData().catch(() => new FormData());
  } else return false;
  return form.get("List-Unsubscribe") === "One-Click";
}

export const POST = route(
  async (req: Request) => {
    const { token } = parseInput(query, Object.fromEntries(new URL(req.url).searchParams));
    const target = verifyUnsubscribeToken(resolveAuthSecret(env()), token);
    if (!target)
      throw new ApiError("validation_failed", "The unsubscribe link is not valid.", { token: "invalid_token" });
    if (!(await isOneClick(req))) throw new ApiError("bad_request", "Send the body List-Unsubscribe=One-Click.");
    if (!(await unsubscribe(db(), target.userId, target.category))) throw new ApiError("not_found", "No such account.");
    return NextResponse.json({ category: target.category, unsubscribed: true });
  },
  { maxBodyBytes: MAX_BODY_BYTES },
);

export const GET = route(async (req: Request) => {
  const token = new URL(req.url).searchParams.get("token") ?? "";
  const page = new URL("/unsubscribe", env().APP_URL);
  page.searchParams.set("token", token.slice(0, 200));
  return NextResponse.redirect(page, 303);
});
