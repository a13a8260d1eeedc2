/** POST /api/studio/lessons/<id>/move {delta: -1 | 1} — move a lesson up or down within its section. */
import { NextResponse } from "next/server";
import { moveLesson } from "@/features/studio/curriculum.ts";
import { id, moveSchema } from "@/features/studio/schemas.ts";
import { studioActor } from "@/features/studio/server.ts";
import { db } from "@/server/db.ts";
import { jsonBody, parseInput, route } from "@/server/http.ts";

export const POST = route(async (req: Request, ctx: { params: Promise<{ id: string }> }) => {
  const actor = await studioActor(req);
  const lessonId = parseInput(id, (await ctx.params).id);
  await moveLesson(db(), actor, lessonId, (await jsonBody(req, moveSchema)).delta);
  return NextResponse.json({ ok: true });
});
