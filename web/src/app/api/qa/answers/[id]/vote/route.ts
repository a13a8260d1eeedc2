/** POST /api/qa/answers/<id>/vote → {voted, votes}: toggles the caller's upvote (participants; not their own). */
import { NextResponse } from "next/server";
import { toggleAnswerVote } from "@/features/qa/service.ts";
import { id } from "@/features/studio/schemas.ts";
import { getSessionUser } from "@/server/auth.ts";
import { db } from "@/server/db.ts";
import { parseInput, route } from "@/server/http.ts";

export const POST = route(async (req: Request, ctx: { params: Promise<{ id: string }> }) => {
  const answerId = parseInput(id, (await ctx.params).id);
  return NextResponse.json(await toggleAnswerVote(db(), await getSessionUser(req), answerId));
});
