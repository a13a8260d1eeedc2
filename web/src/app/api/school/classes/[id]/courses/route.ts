/**
 * POST /api/school/classes/<id>/courses {courseSlug} — assigns a published course to the class: every pupil
 * is enrolled (source ADMIN). 201 when newly assigned, 200 when it already was.
 */
import { NextResponse } from "next/server";
import { assignCourseToClass } from "@/features/school/classes.ts";
import { assignCourseSchema } from "@/features/school/schemas.ts";
import { requireUser } from "@/server/auth.ts";
import { db } from "@/server/db.ts";
import { jsonBody, route } from "@/server/http.ts";

type Ctx = { params: Promise<{ id: string }> };

export const POST = route(async (req: Request, ctx: Ctx) => {
  const user = await requireUser(req);
  const input = await jsonBody(req, assignCourseSchema);
  const r = await assignCourseToClass(db(), user, (await ctx.params).id, input.courseSlug);
  return NextResponse.json(r, { status: r.changed ? 201 : 200 });
});
