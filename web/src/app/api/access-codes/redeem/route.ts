/**
 * POST /api/access-codes/redeem {code} — redeem a code for the signed-in user: 200 {course, newlyRedeemed};
 * 401 anonymous; 404 invalid; 409 expired/exhausted (`fields.code` says which); 429 with Retry-After
 * after too many failed attempts per user or IP.
 */
import { NextResponse } from "next/server";
import { redeemSchema } from "@/features/access-codes/schemas.ts";
import { redeemCode } from "@/features/access-codes/service.ts";
import { requireUser } from "@/server/auth.ts";
import { db } from "@/server/db.ts";
import { jsonBody, route } from "@/server/http.ts";
import { enforceRateLimits } from "@/server/rate-limit.ts";
import { requestAddress } from "@/server/security/client-ip.ts";

export const POST = route(async (req: Request) => {
  const user = await requireUser(req);
  const ip = requestAddress(req.headers);
  await enforceRateLimits(db(), [
    ["redeemPerAccount", user.id],
    ["redeemPerAddress", ip],
  ]);
  const { code } = await jsonBody(req, redeemSchema);
  // RedeemThrottledError (too many invalid codes) carries its own Retry-After, set by route().
  return NextResponse.json(await redeemCode(db(), { userId: user.id, ip, code }));
});
