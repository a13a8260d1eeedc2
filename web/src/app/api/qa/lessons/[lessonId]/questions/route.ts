/**
 * GET /api/qa/lessons/<lessonId>/questions → the lesson's Q&A (participants: enrolled learners, the provider, admins).
 * POST /api/qa/lessons/<lessonId>/questions {title, body} → 201 {id} (enrolled learners; rate-limited).
 */
import { NextResponse } from "next/server";
import { questionInputSchema } from "@/features/qa/schemas.ts";
import { askQuestion, lessonQa } from "@/features/qa/service.ts";
import { id } from "@/features/studio/schemas.ts";
import { getSessionUser } from "@/server/auth.ts";
import { db } from "@/server/db.ts";
import { jsonBody, parseInput, route } from "@/server/http.ts";

type Ctx = { params: Promise<{ lessonId: string }> };

export const GET = route(async (req: Request, ctx: Ctx) => {
  const lessonId = parseInput(id, (await ctx.params).lessonId);
  return NextResponse.json(await lessonQa(db(), await getSessionUser(req), lessonId));
});

export const POST = route(async (req: Request, ctx: Ctx) => {
  const lessonId = parseInput(id, (await ctx.params).lessonId);
  const viewer = await getSessionUser(req);
  const input = await jsonBody(req, questionInputSchema);
  return NextResponse.json({ id: await askQuestion(db(), viewer, lessonId, input) }, { status: 201 });
});
