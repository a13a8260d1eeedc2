/**
 * POST /api/access-codes/redeem {code} — redeem a code for the signed-in user: 200 {course, newlyRedeemed};
 * 401 anonymous; 404 invalid; 409 expired/exhausted (`fields.code` says which); 429 with Retry-After
 * after too many failed attempts per user or IP.
 */
import { NextResponse } from "next/server";
import { clientIp } from "@/features/auth/rate-limit.ts";
import { redeemSchema } from "@/features/access-codes/schemas.ts";
import { RedeemThrottledError, redeemCode } from "@/features/access-codes/service.ts";
import { requireUser } from "@/server/auth.ts";
import { db } from "@/server/db.ts";
import { errorResponse, jsonBody, route } from "@/server/http.ts";

export const POST = route(async (req: Request) => {
  const user = await requireUser(req);
  const { code } = await jsonBody(req, redeemSchema);
  try {
    const result = await redeemCode(db(), { userId: user.id, ip: clientIp(req.headers), code });
    return NextResponse.json(result);
  } catch (err) {
    if (!(err instanceof RedeemThrottledError)) throw err;
    const res = errorResponse(err);
    res.headers.set("Retry-After", String(err.retryAfterSeconds));
    return res;
  }
});
