/** POST /api/studio/sections/<id>/move {delta: -1 | 1} — move a section up or down. */
import { NextResponse } from "next/server";
import { moveSection } from "@/features/studio/curriculum.ts";
import { id, moveSchema } from "@/features/studio/schemas.ts";
import { studioActor } from "@/features/studio/server.ts";
import { db } from "@/server/db.ts";
import { jsonBody, parseInput, route } from "@/server/http.ts";

export const POST = route(async (req: Request, ctx: { params: Promise<{ id: string }> }) => {
  const actor = await studioActor(req);
  const sectionId = parseInput(id, (await ctx.params).id);
  await moveSection(db(), actor, sectionId, (await jsonBody(req, moveSchema)).delta);
  return NextResponse.json({ ok: true });
});
