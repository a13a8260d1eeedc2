/** POST /api/learning/lessons/<lessonId>/complete — "mark as done" (not for quizzes: 422). */
import { NextResponse } from "next/server";
import { z } from "zod";
import { completeLesson } from "@/features/learning/progress.ts";
import { appLearningDeps } from "@/features/learning/wiring.ts";
import { getSessionUser } from "@/server/auth.ts";
import { parseInput, route } from "@/server/http.ts";

export const POST = route(async (req: Request, ctx: { params: Promise<{ lessonId: string }> }) => {
  const lessonId = parseInput(z.string().min(1).max(64), (await ctx.params).lessonId);
  return NextResponse.json(await completeLesson(appLearningDeps(), await getSessionUser(req), lessonId));
});
