/**
 * POST /api/admin/payouts/transfers/<id>/retry — a platform admin schedules one more attempt of a provider
 * transfer that gave up (FAILED → PENDING, audit-logged). 200 `{ transfer, changed }`; repeating it while the
 * transfer is PENDING changes nothing (`changed: false`). 403 for everyone but platform admins, 404 for an
 * unknown id, 409 when the transfer is not failed (sent, reversed, canceled) or its sale was refunded.
 */
import { NextResponse } from "next/server";
import { retryFailedTransfer, transferIdSchema } from "@/features/payouts/retry.ts";
import { requireUser } from "@/server/auth.ts";
import { db } from "@/server/db.ts";
import { ApiError, route } from "@/server/http.ts";

export const POST = route(async (req: Request, ctx: { params: Promise<{ id: string }> }) => {
  const user = await requireUser(req);
  const id = transferIdSchema.safeParse((await ctx.params).id);
  if (!id.success) throw new ApiError("not_found", "Transfer not found.");
  return NextResponse.json(await retryFailedTransfer(db(), user, id.data));
});
