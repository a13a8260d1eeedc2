/**
 * POST /api/auth/signup {email, password, name} → 201 {status: "accepted"} whether or not the e-mail was
 * already registered (no account enumeration: the browser then signs in with the chosen password);
 * 400 field errors; 429 + Retry-After after too many sign-ups from one client address. A new account gets a
 * verification mail in the request's UI language. 403 `signup_closed` (before anything is read or counted) when
 * self sign-up is switched off (SIGNUP=closed; the default with OFFLINE_MODE=true — teachers create the accounts).
 */
import { NextResponse } from "next/server";
import { signUpQuietly } from "@/features/auth/credentials.ts";
import { signUpSchema } from "@/features/auth/schemas.ts";
import { db } from "@/server/db.ts";
import { env, signUpOpen } from "@/server/env.ts";
import { localeFromHeaders } from "@/i18n/config";
import { ApiError, jsonBody, route } from "@/server/http.ts";
import { enforceRateLimits } from "@/server/rate-limit.ts";
import { requestAddress } from "@/server/security/client-ip.ts";

export const POST = route(async (req: Request) => {
  if (!signUpOpen(env())) {
    throw new ApiError("signup_closed", "Accounts on this server are created by a teacher or school admin.");
  }
  await enforceRateLimits(db(), [["signUpPerAddress", requestAddress(req.headers)]]);
  const input = await jsonBody(req, signUpSchema);
  await signUpQuietly(db(), input, { appUrl: env().APP_URL, locale: localeFromHeaders(req.headers) });
  return NextResponse.json({ status: "accepted" }, { status: 201 });
});
