/** POST /api/studio/courses/<id>/sections {title} — append a section. */
import { NextResponse } from "next/server";
import { createSection } from "@/features/studio/curriculum.ts";
import { id, titleSchema } from "@/features/studio/schemas.ts";
import { studioActor } from "@/features/studio/server.ts";
import { db } from "@/server/db.ts";
import { jsonBody, parseInput, route } from "@/server/http.ts";

export const POST = route(async (req: Request, ctx: { params: Promise<{ id: string }> }) => {
  const actor = await studioActor(req);
  const courseId = parseInput(id, (await ctx.params).id);
  const { title } = await jsonBody(req, titleSchema);
  return NextResponse.json({ id: await createSection(db(), actor, courseId, title) }, { status: 201 });
});
