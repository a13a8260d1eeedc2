/** GET /api/studio/courses/<id> — the course tree; PUT — edit metadata; DELETE — delete (409 with enrollments). */
import { NextResponse } from "next/server";
import { deleteCourse, getStudioCourse, updateCourse } from "@/features/studio/courses.ts";
import { courseInputSchema, id } from "@/features/studio/schemas.ts";
import { listingDeps, studioActor } from "@/features/studio/server.ts";
import { db } from "@/server/db.ts";
import { storage } from "@/server/storage/index.ts";
import { jsonBody, parseInput, route } from "@/server/http.ts";

type Ctx = { params: Promise<{ id: string }> };

export const GET = route(async (req: Request, ctx: Ctx) => {
  const actor = await studioActor(req);
  const course = await getStudioCourse(db(), actor, parseInput(id, (await ctx.params).id));
  return NextResponse.json({
    course: { ...course, prices: course.prices.map((p) => ({ currency: p.currency, amount: p.amount.toString() })) },
  });
});

export const PUT = route(async (req: Request, ctx: Ctx) => {
  const actor = await studioActor(req);
  const courseId = parseInput(id, (await ctx.params).id);
  await updateCourse(db(), actor, courseId, await jsonBody(req, courseInputSchema), storage());
  return NextResponse.json({ ok: true });
});

export const DELETE = route(async (req: Request, ctx: Ctx) => {
  const actor = await studioActor(req);
  await deleteCourse(db(), listingDeps(), actor, parseInput(id, (await ctx.params).id));
  return new Response(null, { status: 204 });
});
