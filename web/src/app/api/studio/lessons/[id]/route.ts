/** PATCH /api/studio/lessons/<id> {title?, body?, isPreview?, mediaId?, captionsId?, durationSeconds?}; DELETE. */
import { NextResponse } from "next/server";
import { deleteLesson, updateLesson } from "@/features/studio/curriculum.ts";
import { id, lessonUpdateSchema } from "@/features/studio/schemas.ts";
import { studioActor } from "@/features/studio/server.ts";
import { db } from "@/server/db.ts";
import { jsonBody, parseInput, route } from "@/server/http.ts";

type Ctx = { params: Promise<{ id: string }> };

export const PATCH = route(async (req: Request, ctx: Ctx) => {
  const actor = await studioActor(req);
  const lessonId = parseInput(id, (await ctx.params).id);
  await updateLesson(db(), actor, lessonId, await jsonBody(req, lessonUpdateSchema));
  return NextResponse.json({ ok: true });
});

export const DELETE = route(async (req: Request, ctx: Ctx) => {
  const actor = await studioActor(req);
  await deleteLesson(db(), actor, parseInput(id, (await ctx.params).id));
  return new Response(null, { status: 204 });
});
