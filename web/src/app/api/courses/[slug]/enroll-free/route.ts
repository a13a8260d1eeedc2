/**
 * POST /api/courses/<slug>/enroll-free — enroll the signed-in user in a published free course
 * (201 new, 200 already enrolled; 401 anonymous; 404 unknown/unpublished; 422 paid course).
 */
import { NextResponse } from "next/server";
import { enrollFree } from "@/features/enrollment/queries.ts";
import { requireUser } from "@/server/auth.ts";
import { db } from "@/server/db.ts";
import { route } from "@/server/http.ts";

export const POST = route(async (req: Request, ctx: { params: Promise<{ slug: string }> }) => {
  const user = await requireUser(req);
  const { slug } = await ctx.params;
  const { enrollment, created } = await enrollFree(db(), user.id, slug);
  return NextResponse.json({ enrollment }, { status: created ? 201 : 200 });
});
