/**
 * POST /api/learning/lessons/<lessonId>/progress `{ positionSeconds }` — a video heartbeat (every ~10 s while
 * playing, and on pause/seek/end). 200 `{ lastPositionSeconds, furthestSeconds, positionSeconds, durationSeconds,
 * requiredSeconds, completionPercent, lessonCompleted, courseCompleted }`; 422 for a position beyond the duration or
 * beyond the watch budget (`fields.positionSeconds` names the furthest acceptable position). Rules: features/learning/watch.ts.
 */
import { NextResponse } from "next/server";
import { z } from "zod";
import { recordVideoProgress, videoProgressSchema } from "@/features/learning/progress.ts";
import { appLearningDeps } from "@/features/learning/wiring.ts";
import { getSessionUser } from "@/server/auth.ts";
import { jsonBody, parseInput, route } from "@/server/http.ts";

export const POST = route(async (req: Request, ctx: { params: Promise<{ lessonId: string }> }) => {
  const lessonId = parseInput(z.string().min(1).max(64), (await ctx.params).lessonId);
  const viewer = await getSessionUser(req);
  const input = await jsonBody(req, videoProgressSchema);
  return NextResponse.json(await recordVideoProgress(appLearningDeps(), viewer, lessonId, input));
});
