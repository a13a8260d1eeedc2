/**
 * POST /api/school/classes/<id>/pupils/<userId>/move {toClassId} — moves the pupil to another class the caller
 * manages (enrolled in its courses; progress kept). 200 {changed}; `changed: false` when already moved
 * (idempotent). 404 when the caller does not manage either class or the pupil is in neither; 400 same class.
 */
import { NextResponse } from "next/server";
import { movePupil } from "@/features/school/membership.ts";
import { movePupilSchema } from "@/features/school/schemas.ts";
import { requireUser } from "@/server/auth.ts";
import { db } from "@/server/db.ts";
import { jsonBody, route } from "@/server/http.ts";

type Ctx = { params: Promise<{ id: string; userId: string }> };

export const POST = route(async (req: Request, ctx: Ctx) => {
  const user = await requireUser(req);
  const input = await jsonBody(req, movePupilSchema);
  const { id, userId } = await ctx.params;
  const r = await movePupil(db(), user, id, userId, input.toClassId);
  return NextResponse.json({ ...r, classId: input.toClassId });
});
