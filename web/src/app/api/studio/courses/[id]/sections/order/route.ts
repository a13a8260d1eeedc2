/** PUT /api/studio/courses/<id>/sections/order {ids} — new order of all sections. */
import { NextResponse } from "next/server";
import { reorderSections } from "@/features/studio/curriculum.ts";
import { id, reorderSchema } from "@/features/studio/schemas.ts";
import { studioActor } from "@/features/studio/server.ts";
import { db } from "@/server/db.ts";
import { jsonBody, parseInput, route } from "@/server/http.ts";

export const PUT = route(async (req: Request, ctx: { params: Promise<{ id: string }> }) => {
  const actor = await studioActor(req);
  const courseId = parseInput(id, (await ctx.params).id);
  const { ids } = await jsonBody(req, reorderSchema);
  await reorderSections(db(), actor, courseId, ids);
  return NextResponse.json({ ok: true });
});
