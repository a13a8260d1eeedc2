/** POST /api/qa/answers/<id>/accept → {accepted}: toggles the accepted answer (the course's provider or an admin). */
import { NextResponse } from "next/server";
import { toggleAccepted } from "@/features/qa/service.ts";
import { id } from "@/features/studio/schemas.ts";
import { getSessionUser } from "@/server/auth.ts";
import { db } from "@/server/db.ts";
import { parseInput, route } from "@/server/http.ts";

export const POST = route(async (req: Request, ctx: { params: Promise<{ id: string }> }) => {
  const answerId = parseInput(id, (await ctx.params).id);
  return NextResponse.json({ accepted: await toggleAccepted(db(), await getSessionUser(req), answerId) });
});
