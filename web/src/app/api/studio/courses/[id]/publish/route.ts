/** POST /api/studio/courses/<id>/publish — publish (422 with the failed rules in fields) and list on-chain per crypto currency. */
import { NextResponse } from "next/server";
import { publishCourse } from "@/features/studio/publish.ts";
import { id } from "@/features/studio/schemas.ts";
import { listingDeps, studioActor } from "@/features/studio/server.ts";
import { db } from "@/server/db.ts";
import { parseInput, route } from "@/server/http.ts";

export const POST = route(async (req: Request, ctx: { params: Promise<{ id: string }> }) => {
  const actor = await studioActor(req);
  const courseId = parseInput(id, (await ctx.params).id);
  return NextResponse.json({ enqueued: await publishCourse(db(), listingDeps(), actor, courseId) });
});
