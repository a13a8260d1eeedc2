/**
 * POST /api/auth/password-reset {email} → 202 {status: "accepted"} whether or not the address is registered
 * (a registered one gets a reset link by mail, valid 60 min, in the request's UI language); 400 field
 * errors; 429 + Retry-After after too many requests per address or client.
 */
import { NextResponse } from "next/server";
import { requestPasswordReset } from "@/features/auth/account-mail.ts";
import { passwordResetRequestSchema } from "@/features/auth/schemas.ts";
import { localeFromHeaders } from "@/i18n/config";
import { db } from "@/server/db.ts";
import { env } from "@/server/env.ts";
import { jsonBody, route } from "@/server/http.ts";
import { enforceRateLimits } from "@/server/rate-limit.ts";
import { requestAddress } from "@/server/security/client-ip.ts";

export const POST = route(async (req: Request) => {
  const input = await jsonBody(req, passwordResetRequestSchema);
  await enforceRateLimits(db(), [
    ["resetMailPerAddress", requestAddress(req.headers)],
    ["resetMailPerAccount", input.email],
  ]);
  await requestPasswordReset(db(), input.email, { appUrl: env().APP_URL, locale: localeFromHeaders(req.headers) });
  return NextResponse.json({ status: "accepted" }, { status: 202 });
});
