/**
 * POST /api/learning/lessons/<lessonId>/quiz {answers: {questionId: optionId[]}} — grade an attempt (201);
 * the response carries the score, pass/fail, the correct options and the explanations.
 */
import { NextResponse } from "next/server";
import { z } from "zod";
import { quizSubmissionSchema, submitQuiz } from "@/features/learning/quiz.ts";
import { appLearningDeps } from "@/features/learning/wiring.ts";
import { getSessionUser } from "@/server/auth.ts";
import { jsonBody, parseInput, route } from "@/server/http.ts";

export const POST = route(async (req: Request, ctx: { params: Promise<{ lessonId: string }> }) => {
  const lessonId = parseInput(z.string().min(1).max(64), (await ctx.params).lessonId);
  const viewer = await getSessionUser(req);
  const input = await jsonBody(req, quizSubmissionSchema);
  return NextResponse.json(await submitQuiz(appLearningDeps(), viewer, lessonId, input), { status: 201 });
});
