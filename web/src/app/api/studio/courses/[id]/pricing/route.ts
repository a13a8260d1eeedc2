/**
 * PUT /api/studio/courses/<id>/pricing {isFree, prices: {EUR?: "19.99", ESN?: "25", …}, refundWindowDays,
 * payoutAddress?} — set prices (decimal text, converted exactly to cents/wei); re-lists when published.
 */
import { NextResponse } from "next/server";
import { setPricing } from "@/features/studio/publish.ts";
import { id, pricingSchema } from "@/features/studio/schemas.ts";
import { listingDeps, studioActor } from "@/features/studio/server.ts";
import { db } from "@/server/db.ts";
import { jsonBody, parseInput, route } from "@/server/http.ts";

export const PUT = route(async (req: Request, ctx: { params: Promise<{ id: string }> }) => {
  const actor = await studioActor(req);
  const courseId = parseInput(id, (await ctx.params).id);
  const input = await jsonBody(req, pricingSchema);
  return NextResponse.json({ enqueued: await setPricing(db(), listingDeps(), actor, courseId, input) });
});
