/**
 * PUT /api/school/users/<id>/active {active} — deactivates (`false`) or reactivates (`true`) a school account:
 * a deactivated account cannot sign in and its sessions end at once; progress and certificates stay. The pupil's
 * teacher or a school admin (staff accounts: school admins only). 200 {userId, active, changed} (idempotent);
 * 404 when the caller does not teach the pupil; 403 for the caller's own account or a staff account.
 */
import { NextResponse } from "next/server";
import { setAccountActive } from "@/features/school/accounts.ts";
import { accountActiveSchema } from "@/features/school/schemas.ts";
import { requireUser } from "@/server/auth.ts";
import { db } from "@/server/db.ts";
import { jsonBody, route } from "@/server/http.ts";

type Ctx = { params: Promise<{ id: string }> };

export const PUT = route(async (req: Request, ctx: Ctx) => {
  const user = await requireUser(req);
  const input = await jsonBody(req, accountActiveSchema);
  const r = await setAccountActive(db(), user, (await ctx.params).id, input.active);
  return NextResponse.json(r, { headers: { "cache-control": "no-store" } });
});
