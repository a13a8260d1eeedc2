/**
 * PUT /api/reviews/<id>/reply {reply} — the course provider's reply to a review (set or edit; 401
 * anonymous, 403 anyone but that course's provider, 404 unknown review).
 */
import { NextResponse } from "next/server";
import { pathParam, replyInputSchema } from "@/features/reviews/schemas.ts";
import { replyToReview } from "@/features/reviews/service.ts";
import { requireUser } from "@/server/auth.ts";
import { db } from "@/server/db.ts";
import { jsonBody, parseInput, route } from "@/server/http.ts";

export const PUT = route(async (req: Request, ctx: { params: Promise<{ id: string }> }) => {
  const user = await requireUser(req);
  const reviewId = parseInput(pathParam, (await ctx.params).id);
  const review = await replyToReview(db(), user.id, reviewId, await jsonBody(req, replyInputSchema));
  return NextResponse.json({ review });
});
