/** DELETE /api/school/classes/<id>/courses/<courseId> — removes the course and the class's assignments of it. */
import { NextResponse } from "next/server";
import { unassignCourseFromClass } from "@/features/school/classes.ts";
import { requireUser } from "@/server/auth.ts";
import { db } from "@/server/db.ts";
import { route } from "@/server/http.ts";

type Ctx = { params: Promise<{ id: string; courseId: string }> };

export const DELETE = route(async (req: Request, ctx: Ctx) => {
  const user = await requireUser(req);
  const { id, courseId } = await ctx.params;
  await unassignCourseFromClass(db(), user, id, courseId);
  return new NextResponse(null, { status: 204 });
});
