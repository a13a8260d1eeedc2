/** POST /api/studio/courses/<id>/unpublish — back to draft; deactivates the on-chain listings. */
import { NextResponse } from "next/server";
import { withdrawCourse } from "@/features/studio/publish.ts";
import { id } from "@/features/studio/schemas.ts";
import { listingDeps, studioActor } from "@/features/studio/server.ts";
import { db } from "@/server/db.ts";
import { parseInput, route } from "@/server/http.ts";

export const POST = route(async (req: Request, ctx: { params: Promise<{ id: string }> }) => {
  const actor = await studioActor(req);
  const courseId = parseInput(id, (await ctx.params).id);
  return NextResponse.json({ enqueued: await withdrawCourse(db(), listingDeps(), actor, courseId, "DRAFT") });
});
