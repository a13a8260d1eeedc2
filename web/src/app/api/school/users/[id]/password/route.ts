/**
 * POST /api/school/users/<id>/password — the pupil's teacher (or a school admin) sets a new random password
 * and receives it once: 200 {userId, name, username, password}. 404 when the caller does not teach the pupil;
 * 429 + Retry-After after too many resets by one account. The pupil's existing sessions end.
 */
import { NextResponse } from "next/server";
import { resetPassword } from "@/features/school/pupils.ts";
import { requireUser } from "@/server/auth.ts";
import { db } from "@/server/db.ts";
import { route } from "@/server/http.ts";
import { enforceRateLimits } from "@/server/rate-limit.ts";

type Ctx = { params: Promise<{ id: string }> };

export const POST = route(async (req: Request, ctx: Ctx) => {
  const user = await requireUser(req);
  await enforceRateLimits(db(), [["passwordResetPerAccount", user.id]]);
  const issued = await resetPassword(db(), user, (await ctx.params).id);
  return NextResponse.json(issued, { headers: { "cache-control": "no-store" } });
});
