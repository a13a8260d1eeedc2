/** PUT /api/studio/lessons/<id>/flashcards {cards: [{front, back}]}. */
import { NextResponse } from "next/server";
import { saveFlashcards } from "@/features/studio/content.ts";
import { flashcardsSchema, id } from "@/features/studio/schemas.ts";
import { studioActor } from "@/features/studio/server.ts";
import { db } from "@/server/db.ts";
import { jsonBody, parseInput, route } from "@/server/http.ts";

export const PUT = route(async (req: Request, ctx: { params: Promise<{ id: string }> }) => {
  const actor = await studioActor(req);
  const lessonId = parseInput(id, (await ctx.params).id);
  await saveFlashcards(db(), actor, lessonId, await jsonBody(req, flashcardsSchema));
  return NextResponse.json({ ok: true });
});
