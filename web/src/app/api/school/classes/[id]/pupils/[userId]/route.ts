/**
 * DELETE /api/school/classes/<id>/pupils/<userId> — removes the pupil from the class (teacher of the class or a
 * school admin). The account, its progress and certificates stay; the class's course assignments end. 204, also
 * when the pupil was not (or no longer) in the class (idempotent); 404 for a class the caller does not manage or
 * an unknown account.
 */
import { NextResponse } from "next/server";
import { removePupilFromClass } from "@/features/school/membership.ts";
import { requireUser } from "@/server/auth.ts";
import { db } from "@/server/db.ts";
import { route } from "@/server/http.ts";

type Ctx = { params: Promise<{ id: string; userId: string }> };

export const DELETE = route(async (req: Request, ctx: Ctx) => {
  const user = await requireUser(req);
  const { id, userId } = await ctx.params;
  await removePupilFromClass(db(), user, id, userId);
  return new NextResponse(null, { status: 204 });
});
