/**
 * PUT /api/studio/lessons/<id>/translations/<language> {title, body, captionsId} → 201 created / 200 replaced.
 * DELETE /api/studio/lessons/<id>/translations/<language> → 204.
 * The course's provider or a platform admin; rules in features/translations/service.ts.
 */
import { NextResponse } from "next/server";
import { id } from "@/features/studio/schemas.ts";
import { studioActor } from "@/features/studio/server.ts";
import { contentLanguageSchema, translationInputSchema } from "@/features/translations/schemas.ts";
import { deleteTranslation, saveTranslation } from "@/features/translations/service.ts";
import { db } from "@/server/db.ts";
import { jsonBody, parseInput, route } from "@/server/http.ts";

type Ctx = { params: Promise<{ id: string; language: string }> };

export const PUT = route(async (req: Request, ctx: Ctx) => {
  const actor = await studioActor(req);
  const params = await ctx.params;
  const lessonId = parseInput(id, params.id);
  const language = parseInput(contentLanguageSchema, params.language);
  const created = await saveTranslation(db(), actor, lessonId, language, await jsonBody(req, translationInputSchema));
  return NextResponse.json({ ok: true, language }, { status: created ? 201 : 200 });
});

export const DELETE = route(async (req: Request, ctx: Ctx) => {
  const actor = await studioActor(req);
  const params = await ctx.params;
  await deleteTranslation(db(), actor, parseInput(id, params.id), parseInput(contentLanguageSchema, params.language));
  return new Response(null, { status: 204 });
});
