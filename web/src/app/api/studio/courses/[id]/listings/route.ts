/**
 * GET /api/studio/courses/<id>/listings — progress of each crypto currency's latest listing transaction
 * (outbox status PENDING → SENT → CONFIRMED | FAILED with the decoded error). Polled by the studio.
 */
import { NextResponse } from "next/server";
import { ownedCourse } from "@/features/studio/access.ts";
import { listingViews } from "@/features/studio/listings.ts";
import { id } from "@/features/studio/schemas.ts";
import { studioActor } from "@/features/studio/server.ts";
import { db } from "@/server/db.ts";
import { parseInput, route } from "@/server/http.ts";

export const GET = route(async (req: Request, ctx: { params: Promise<{ id: string }> }) => {
  const actor = await studioActor(req);
  const course = await ownedCourse(db(), actor, parseInput(id, (await ctx.params).id));
  const views = await listingViews(db(), course.id);
  return NextResponse.json(
    {
      listings: views.map((v) => ({
        ...v,
        outbox: { ...v.outbox, blockNumber: v.outbox.blockNumber === null ? null : v.outbox.blockNumber.toString() },
      })),
    },
    { headers: { "Cache-Control": "no-store" } },
  );
});
