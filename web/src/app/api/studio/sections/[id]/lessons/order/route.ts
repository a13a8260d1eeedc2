/** PUT /api/studio/sections/<id>/lessons/order {ids} — new order of all the section's lessons. */
import { NextResponse } from "next/server";
import { reorderLessons } from "@/features/studio/curriculum.ts";
import { id, reorderSchema } from "@/features/studio/schemas.ts";
import { studioActor } from "@/features/studio/server.ts";
import { db } from "@/server/db.ts";
import { jsonBody, parseInput, route } from "@/server/http.ts";

export const PUT = route(async (req: Request, ctx: { params: Promise<{ id: string }> }) => {
  const actor = await studioActor(req);
  const sectionId = parseInput(id, (await ctx.params).id);
  await reorderLessons(db(), actor, sectionId, (await jsonBody(req, reorderSchema)).ids);
  return NextResponse.json({ ok: true });
});
