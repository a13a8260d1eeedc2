/**
 * POST /api/auth/password {email, password} — a wallet/OAuth account adds e-mail + password sign-in.
 * PUT /api/auth/password {currentPassword, newPassword} — a signed-in user changes the password: every other
 * session of the account ends server-side (session version bumped); this browser's session is re-issued with
 * the new version (Set-Cookie). 400 with `fields.currentPassword = "wrong_password"` for a wrong current password.
 * Both: 429 + Retry-After after too many attempts per account (`passwordPerAccount`). Adding an e-mail sends a confirmation mail to it.
 */
import { NextResponse } from "next/server";
import { changePassword } from "@/features/auth/password-change.ts";
import { addPasswordSchema, changePasswordSchema } from "@/features/auth/schemas.ts";
import { addPassword } from "@/features/auth/wallets.ts";
import { resendEmailVerification } from "@/features/auth/account-mail.ts";
import { localeFromHeaders } from "@/i18n/config";
import { requireUser } from "@/server/auth.ts";
import { resolveAuthSecret, secureCookiesFor, sessionCookieName } from "@/server/auth/secret.ts";
import { reissueSessionCookie } from "@/server/auth/session-refresh.ts";
import { db } from "@/server/db.ts";
import { env } from "@/server/env.ts";
import { jsonBody, route } from "@/server/http.ts";
import { enforceRateLimits } from "@/server/rate-limit.ts";

export const POST = route(async (req: Request) => {
  const user = await requireUser(req);
  await enforceRateLimits(db(), [["passwordPerAccount", user.id]]);
  const input = await jsonBody(req, addPasswordSchema);
  await addPassword(db(), user.id, input);
  // the new address gets a confirmation link (in the UI language of this request)
  await resendEmailVerification(db(), user.id, { appUrl: env().APP_URL, locale: localeFromHeaders(req.headers) });
  return new Response(null, { status: 204 });
});

export const PUT = route(async (req: Request) => {
  const user = await requireUser(req);
  await enforceRateLimits(db(), [["passwordPerAccount", user.id]]);
  const input = await jsonBody(req, changePasswordSchema);
  const { sessionVersion } = await changePassword(db(), user.id, input);
  const e = env();
  const cookie = await reissueSessionCookie(req.headers.get("cookie"), {
    cookieName: sessionCookieName(e.APP_URL),
    secret: resolveAuthSecret(e),
    idleSeconds: e.SESSION_IDLE_TIMEOUT_SECONDS,
    maxAgeSeconds: e.SESSION_MAX_AGE_SECONDS,
    secure: secureCookiesFor(e.APP_URL),
    userId: user.id,
    sessionVersion,
  });
  const res = NextResponse.json(
    { status: "changed", otherSessionsEnded: true, sessionKept: cookie !== null },
    { headers: { "cache-control": "no-store" } },
  );
  if (cookie) {
    res.cookies.set(cookie.name, cookie.value, {
      httpOnly: true,
      sameSite: "lax",
      path: "/",
      secure: cookie.secure,
      maxAge: cookie.maxAgeSeconds,
    });
  }
  return res;
});
