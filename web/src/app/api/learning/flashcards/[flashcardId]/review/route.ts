/** POST /api/learning/flashcards/<flashcardId>/review {grade: again|hard|good|easy} — reschedule a card. */
import { NextResponse } from "next/server";
import { z } from "zod";
import { flashcardReviewSchema, reviewFlashcard } from "@/features/learning/flashcards.ts";
import { appLearningDeps } from "@/features/learning/wiring.ts";
import { getSessionUser } from "@/server/auth.ts";
import { jsonBody, parseInput, route } from "@/server/http.ts";

export const POST = route(async (req: Request, ctx: { params: Promise<{ flashcardId: string }> }) => {
  const flashcardId = parseInput(z.string().min(1).max(64), (await ctx.params).flashcardId);
  const viewer = await getSessionUser(req);
  const input = await jsonBody(req, flashcardReviewSchema);
  return NextResponse.json(await reviewFlashcard(appLearningDeps(), viewer, flashcardId, input));
});
