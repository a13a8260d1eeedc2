/** GET /api/studio/lessons/<id>/translations → {courseLanguage, translations: [...]} (the course's provider or an admin). */
import { NextResponse } from "next/server";
import { id } from "@/features/studio/schemas.ts";
import { studioActor } from "@/features/studio/server.ts";
import { listTranslations } from "@/features/translations/service.ts";
import { db } from "@/server/db.ts";
import { parseInput, route } from "@/server/http.ts";

export const GET = route(async (req: Request, ctx: { params: Promise<{ id: string }> }) => {
  const actor = await studioActor(req);
  const lessonId = parseInput(id, (await ctx.params).id);
  return NextResponse.json(await listTranslations(db(), actor, lessonId));
});
