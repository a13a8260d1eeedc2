/**
 * Quiz submission: validate the answers, check the attempt limits (quiz-limits.ts), grade on the server, record the
 * attempt, complete on a pass. Correct options and explanations are returned only once the learner passed or used up
 * the attempts of the round.
 */
import { z } from "zod";
import { renderMarkdown } from "@/lib/markdown.ts";
import { ApiError } from "@/server/http.ts";
import { authorizeTracking, type Viewer } from "./access.ts";
import type { LearningDeps } from "./deps.ts";
import { gradeQuiz, type QuestionResult } from "./grading.ts";
import { attemptState, loadAttemptState } from "./quiz-limits.ts";
import { markLessonCompleted, trackProgress } from "./tracking.ts";

const id = z.string().min(1).max(64);

/** Body of `POST /api/learning/lessons/<id>/quiz`: question id → chosen option ids. */
export const quizSubmissionSchema = z.strictObject({
  answers: z.record(id, z.array(id).max(50)).refine((a) => Object.keys(a).length <= 200, "Too many answers."),
});
export type QuizSubmission = z.infer<typeof quizSubmissionSchema>;

/** What the learner sees after submitting. */
export interface QuizResultView {
  attemptId: string;
  scorePercent: number;
  passed: boolean;
  passMarkPercent: number;
  /** true when `questions` carries the correct options and explanations (passed, or attempts used up) */
  answersRevealed: boolean;
  /** per-question results with the answer key; EMPTY until `answersRevealed` */
  questions: (QuestionResult & { explanationHtml: string })[];
  /** attempts left before the cooldown */
  attemptsLeft: number;
  /** ISO-8601 time of the next allowed attempt; null when allowed now */
  retryAt: string | null;
  lessonCompleted: boolean;
  courseCompleted: boolean;
}

/**
 * Grades a quiz attempt (rule in grading.ts), stores it as a `QuizAttempt`, and completes the lesson
 * when passed. A later failed attempt does not undo a pass.
 * @throws ApiError 401/403/404 (access), 422 (not a quiz), 400 validation_failed (answers to unknown
 *   questions or options, or several options for a single-choice question), 429 rate_limited while the quiz is
 *   cooling down after the allowed failed attempts (`fields.retryAt`, `fields.retryAfterSeconds`)
 */
export async function submitQuiz(
  deps: LearningDeps,
  viewer: Viewer | null,
  lessonId: string,
  input: QuizSubmission,
): Promise<QuizResultView> {
  const access = await authorizeTracking(deps.db, viewer, lessonId);
  if (access.lesson.kind !== "QUIZ") throw new ApiError("unprocessable", "This lesson is not a quiz.");
  const lesson = await deps.db.lesson.findUniqueOrThrow({
    where: { id: lessonId },
    select: {
      passMarkPercent: true,
      quizMaxAttempts: true,
      quizCooldownSeconds: true,
      questions: {
        orderBy: { position: "asc" },
        select: {
          id: true,
          multiple: true,
          explanation: true,
          options: { orderBy: { position: "asc" }, select: { id: true, correct: true } },
        },
      },
    },
  });
  validateAnswers(lesson.questions, input.answers);
  const grade = gradeQuiz(lesson.questions, input.answers, lesson.passMarkPercent);
  const { userId } = access;
  const { result, courseCompleted } = await trackProgress(deps, userId, access.course.id, async (tx, now) => {
    const before = await loadAttemptState(tx, userId, lessonId, now);
    if (before.retryAt) {
      const seconds = Math.ceil((Date.parse(before.retryAt) - now.getTime()) / 1000);
      throw new ApiError(
        "rate_limited",
        `You have used your ${before.maxAttempts} attempts. Try again in ${Math.ceil(seconds / 60)} min.`,
        { retryAt: before.retryAt, retryAfterSeconds: String(seconds) },
      );
    }
    const attempt = await tx.quizAttempt.create({
      data: {
        userId,
        lessonId,
        answers: Object.fromEntries(grade.questions.map((q) => [q.questionId, q.chosenOptionIds])),
        scorePercent: grade.scorePercent,
        passed: grade.passed,
        createdAt: now,
      },
      select: { id: true },
    });
    if (grade.passed) await markLessonCompleted(tx, userId, lessonId, now);
    const progress = await tx.lessonProgress.findUnique({
      where: { userId_lessonId: { userId, lessonId } },
      select: { completedAt: true },
    });
    const after = attemptState(
      [
        ...(await tx.quizAttempt.findMany({
          where: { userId, lessonId },
          orderBy: { createdAt: "asc" },
          select: { passed: true, createdAt: true },
        })),
      ],
      { maxAttempts: lesson.quizMaxAttempts, cooldownSeconds: lesson.quizCooldownSeconds },
      now,
    );
    return { attemptId: attempt.id, lessonCompleted: !!progress?.completedAt, after };
  });
  const { after } = result;
  const explanations = new Map(lesson.questions.map((q) => [q.id, q.explanation]));
  return {
    attemptId: result.attemptId,
    scorePercent: grade.scorePercent,
    passed: grade.passed,
    passMarkPercent: lesson.passMarkPercent,
    answersRevealed: after.revealAnswers,
    questions: after.revealAnswers
      ? await Promise.all(
          grade.questions.map(async (q) => ({
            ...q,
            explanationHtml: await renderMarkdown(explanations.get(q.questionId) ?? ""),
          })),
        )
      : [],
    attemptsLeft: after.attemptsLeft,
    retryAt: after.retryAt,
    lessonCompleted: result.lessonCompleted,
    courseCompleted,
  };
}

function validateAnswers(
  questions: { id: string; multiple: boolean; options: { id: string }[] }[],
  answers: Record<string, string[]>,
): void {
  const byId = new Map(questions.map((q) => [q.id, q]));
  const fields: Record<string, string> = {};
  for (const [questionId, chosen] of Object.entries(answers)) {
    const q = byId.get(questionId);
    if (!q) fields[`answers.${questionId}`] = "No such question in this quiz.";
    else if (chosen.some((o) => !q.options.some((x) => x.id === o)))
      fields[`answers.${questionId}`] = "No such option for this question.";
    else if (!q.multiple && new Set(chosen).size > 1)
      fields[`answers.${questionId}`] = "Choose one option for this question.";
  }
  if (Object.keys(fields).length > 0) throw new ApiError("validation_failed", "The answers are invalid.", fields);
}
