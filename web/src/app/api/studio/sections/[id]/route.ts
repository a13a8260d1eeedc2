/** PATCH /api/studio/sections/<id> {title} — rename; DELETE — delete with its lessons. */
import { NextResponse } from "next/server";
import { deleteSection, renameSection } from "@/features/studio/curriculum.ts";
import { id, titleSchema } from "@/features/studio/schemas.ts";
import { studioActor } from "@/features/studio/server.ts";
import { db } from "@/server/db.ts";
import { jsonBody, parseInput, route } from "@/server/http.ts";

type Ctx = { params: Promise<{ id: string }> };

export const PATCH = route(async (req: Request, ctx: Ctx) => {
  const actor = await studioActor(req);
  const sectionId = parseInput(id, (await ctx.params).id);
  await renameSection(db(), actor, sectionId, (await jsonBody(req, titleSchema)).title);
  return NextResponse.json({ ok: true });
});

export const DELETE = route(async (req: Request, ctx: Ctx) => {
  const actor = await studioActor(req);
  await deleteSection(db(), actor, parseInput(id, (await ctx.params).id));
  return new Response(null, { status: 204 });
});
