/** POST /api/studio/sections/<id>/lessons {title, kind} — append a lesson. */
import { NextResponse } from "next/server";
import { createLesson } from "@/features/studio/curriculum.ts";
import { id, lessonCreateSchema } from "@/features/studio/schemas.ts";
import { studioActor } from "@/features/studio/server.ts";
import { db } from "@/server/db.ts";
import { jsonBody, parseInput, route } from "@/server/http.ts";

export const POST = route(async (req: Request, ctx: { params: Promise<{ id: string }> }) => {
  const actor = await studioActor(req);
  const sectionId = parseInput(id, (await ctx.params).id);
  const input = await jsonBody(req, lessonCreateSchema);
  return NextResponse.json({ id: await createLesson(db(), actor, sectionId, input) }, { status: 201 });
});
