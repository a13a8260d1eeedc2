/**
 * POST /api/auth/email-verification → 202: a new verification link is mailed to the signed-in account's
 * address (no-op when it is verified or the account has no e-mail); 401 anonymous; 429 after 5 per hour.
 */
import { NextResponse } from "next/server";
import { resendEmailVerification } from "@/features/auth/account-mail.ts";
import { localeFromHeaders } from "@/i18n/config";
import { requireUser } from "@/server/auth.ts";
import { db } from "@/server/db.ts";
import { env } from "@/server/env.ts";
import { route } from "@/server/http.ts";
import { enforceRateLimits } from "@/server/rate-limit.ts";

export const POST = route(async (req: Request) => {
  const user = await requireUser(req);
  await enforceRateLimits(db(), [["verificationMailPerAccount", user.id]]);
  await resendEmailVerification(db(), user.id, { appUrl: env().APP_URL, locale: localeFromHeaders(req.headers) });
  return NextResponse.json({ status: "accepted" }, { status: 202 });
});
