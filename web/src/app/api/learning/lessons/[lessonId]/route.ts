/**
 * GET /api/learning/lessons/<lessonId> — the player payload of a lesson (curriculum with completion ticks,
 * lesson content, progress; quiz questions WITHOUT the answer key). 401/403/404 per the access rules. For a learner
 * who can track progress this records the opening (needed before "mark as done"; starts the watch clock).
 */
import { NextResponse } from "next/server";
import { z } from "zod";
import { playerData } from "@/features/learning/player.ts";
import { openLesson } from "@/features/learning/progress.ts";
import { appLearningDeps } from "@/features/learning/wiring.ts";
import { getSessionUser } from "@/server/auth.ts";
import { db } from "@/server/db.ts";
import { parseInput, route } from "@/server/http.ts";

export const GET = route(async (req: Request, ctx: { params: Promise<{ lessonId: string }> }) => {
  const lessonId = parseInput(z.string().min(1).max(64), (await ctx.params).lessonId);
  const viewer = await getSessionUser(req);
  const data = await playerData(db(), viewer, undefined, lessonId);
  if (data.canTrack && viewer) await openLesson(appLearningDeps(), viewer.id, lessonId);
  return NextResponse.json(data);
});
