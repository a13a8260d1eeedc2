/**
 * Quiz grading (pure). Rule:
 * - single choice: 1 point when exactly the correct option is chosen, else 0;
 * - multiple choice (partial credit): `max(0, (correct chosen − wrong chosen) / number of correct options)`,
 *   so choosing everything scores 0 and missing one of two correct options scores 0.5;
 * - an unanswered question scores 0.
 * The score is `floor(100 × points / questions)` percent (never rounded up into a pass); the quiz is
 * passed when the score is >= the lesson's pass mark.
 */

/** A question as the grader needs it (with the answer key: server only). */
export interface GradedQuestionKey {
  id: string;
  multiple: boolean;
  options: { id: string; correct: boolean }[];
}

/** Per-question outcome, shown to the learner after submitting. */
export interface QuestionResult {
  questionId: string;
  chosenOptionIds: string[];
  correctOptionIds: string[];
  /** points 0..1 */
  credit: number;
}

export interface GradeResult {
  scorePercent: number;
  passed: boolean;
  questions: QuestionResult[];
}

/** Points 0..1 of one answer (see the module comment). */
export function questionCredit(q: GradedQuestionKey, chosen: readonly string[]): number {
  const correct = new Set(q.options.filter((o) => o.correct).map((o) => o.id));
  if (correct.size === 0 || chosen.length === 0) return 0;
  if (!q.multiple) return chosen.length === 1 && correct.has(chosen[0] ?? "") ? 1 : 0;
  const right = chosen.filter((id) => correct.has(id)).length;
  const wrong = chosen.length - right;
  return Math.max(0, (right - wrong) / correct.size);
}

/**
 * Grades `answers` (questionId → chosen option ids; validated by the caller) against the key.
 * @param passMarkPercent 0..100
 */
export function gradeQuiz(
  questions: readonly GradedQuestionKey[],
  answers: Readonly<Record<string, readonly string[]>>,
  passMarkPercent: number,
): GradeResult {
  const results = questions.map((q) => {
    const chosen = [...new Set(answers[q.id] ?? [])];
    return {
      questionId: q.id,
      chosenOptionIds: chosen,
      correctOptionIds: q.options.filter((o) => o.correct).map((o) => o.id),
      credit: questionCredit(q, chosen),
    };
  });
  const points = results.reduce((sum, r) => sum + r.credit, 0);
  // 1e-9 absorbs float error of sums like 0.5 + 0.25 + … without ever rounding a real shortfall up
  const scorePercent = questions.length === 0 ? 0 : Math.floor((points * 100) / questions.length + 1e-9);
  return { scorePercent, passed: questions.length > 0 && scorePercent >= passMarkPercent, questions: results };
}
