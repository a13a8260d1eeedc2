/** POST /api/qa/questions/<id>/answers {body} → 201 {id} (participants of the question's course; rate-limited). */
import { NextResponse } from "next/server";
import { answerInputSchema } from "@/features/qa/schemas.ts";
import { answerQuestion } from "@/features/qa/service.ts";
import { id } from "@/features/studio/schemas.ts";
import { getSessionUser } from "@/server/auth.ts";
import { db } from "@/server/db.ts";
import { jsonBody, parseInput, route } from "@/server/http.ts";

export const POST = route(async (req: Request, ctx: { params: Promise<{ id: string }> }) => {
  const questionId = parseInput(id, (await ctx.params).id);
  const viewer = await getSessionUser(req);
  const input = await jsonBody(req, answerInputSchema);
  return NextResponse.json({ id: await answerQuestion(db(), viewer, questionId, input) }, { status: 201 });
});
