/**
 * DELETE /api/admin/enrollments/<id> — a school or platform admin removes an admin assignment (audit-logged).
 * Access stays when a purchase or access code still grants it. 200 with the resulting enrollment.
 */
import { NextResponse } from "next/server";
import { removeAssignment } from "@/features/admin/assignments.ts";
import { enrollmentIdSchema } from "@/features/admin/schemas.ts";
import { requireUser } from "@/server/auth.ts";
import { db } from "@/server/db.ts";
import { ApiError, route } from "@/server/http.ts";

export const DELETE = route(async (req: Request, ctx: { params: Promise<{ id: string }> }) => {
  const user = await requireUser(req);
  const id = enrollmentIdSchema.safeParse((await ctx.params).id);
  if (!id.success) throw new ApiError("not_found", "Enrollment not found.");
  return NextResponse.json(await removeAssignment(db(), user, id.data));
});
