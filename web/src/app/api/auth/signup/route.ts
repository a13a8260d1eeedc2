/**
 * POST /api/auth/signup {email, password, name} → 201 {status: "accepted"} whether or not the e-mail was
 * already registered (no account enumeration: the browser then signs in with the chosen password);
 * 400 field errors; 429 + Retry-After after too many sign-ups from one client address. A new account gets a
 * verification mail in the request's UI language.
 */
import { NextResponse } from "next/server";
import { signUpQuietly } from "@/features/auth/credentials.ts";
import { signUpSchema } from "@/features/auth/schemas.ts";
import { db } from "@/server/db.ts";
import { env } from "@/server/env.ts";
import { localeFromHeaders } from "@/i18n/config";
import { jsonBody, route } from "@/server/http.ts";
import { enforceRateLimits } from "@/server/rate-limit.ts";
import { requestAddress } from "@/server/security/client-ip.ts";

export const POST = route(async (req: Request) => {
  await enforceRateLimits(db(), [["signUpPerAddress", requestAddress(req.headers)]]);
  const input = await jsonBody(req, signUpSchema);
  await signUpQuietly(db(), input, { appUrl: env().APP_URL, locale: localeFromHeaders(req.headers) });
  return NextResponse.json({ status: "accepted" }, { status: 201 });
});
