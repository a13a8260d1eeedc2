/** PUT /api/studio/lessons/<id>/quiz {passMarkPercent, questions: [{prompt, multiple, explanation, options: [{text, correct}]}]}. */
import { NextResponse } from "next/server";
import { saveQuiz } from "@/features/studio/content.ts";
import { id, quizSchema } from "@/features/studio/schemas.ts";
import { studioActor } from "@/features/studio/server.ts";
import { db } from "@/server/db.ts";
import { jsonBody, parseInput, route } from "@/server/http.ts";

export const PUT = route(async (req: Request, ctx: { params: Promise<{ id: string }> }) => {
  const actor = await studioActor(req);
  const lessonId = parseInput(id, (await ctx.params).id);
  await saveQuiz(db(), actor, lessonId, await jsonBody(req, quizSchema));
  return NextResponse.json({ ok: true });
});
