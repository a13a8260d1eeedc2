"use client";
/**
 * Quiz form: single choice (radio) and multiple choice (checkbox). The server grades the attempt and returns the
 * correct options and explanations only once the learner passed or used up the attempts (then a cooldown applies);
 * retry resets the form.
 */
import Link from "next/link";
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { certificateHref } from "@/features/certificates/links";
import type { QuizResultView } from "@/features/learning/quiz";
import type { PlayerQuestion } from "@/features/learning/player";
import type { QuizAttemptState } from "@/features/learning/quiz-limits";
import { lessonApi, postJson } from "./api";

export interface QuizProps {
  lessonId: string;
  questions: PlayerQuestion[];
  passMarkPercent: number;
  canTrack: boolean;
  lastAttempt: { scorePercent: number; passed: boolean } | null;
  /** attempt limits of a tracking learner (null otherwise) */
  attempts: QuizAttemptState | null;
  /**
   * the course's completion moment as the server rendered it (null until completed; the page refreshes after an
   * attempt): "Get your certificate" goes where the completion moment's button goes (`certificateHref`)
   */
  completion: { certificateId: string | null } | null;
}

export function Quiz({ lessonId, questions, passMarkPercent, canTrack, lastAttempt, attempts, completion }: QuizProps) {
  const t = useTranslations("learning.quiz");
  const tp = useTranslations("learning.player");
  const router = useRouter();
  const [answers, setAnswers] = useState<Record<string, string[]>>({});
  const [result, setResult] = useState<QuizResultView | null>(null);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  if (questions.length === 0) return <p className="muted">{t("noQuestions")}</p>;
  const byQuestion = new Map(result?.questions.map((q) => [q.questionId, q]));
  const retryAt = result ? result.retryAt : (attempts?.retryAt ?? null);
  const attemptsLeft = result ? result.attemptsLeft : (attempts?.attemptsLeft ?? null);
  const time = (iso: string) => new Date(iso).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" });

  function choose(q: PlayerQuestion, optionId: string, checked: boolean) {
    setAnswers((prev) => {
      const current = prev[q.id] ?? [];
      const next = q.multiple ? (checked ? [...current, optionId] : current.filter((o) => o !== optionId)) : [optionId];
      return { ...prev, [q.id]: next };
    });
  }

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    setPending(true);
    setError(null);
    const res = await postJson<QuizResultView>(lessonApi(lessonId, "quiz"), { answers });
    setPending(false);
    if (!res.ok) {
      setError(res.message || tp("error"));
      return;
    }
    setResult(res.data);
    router.refresh();
  }

  return (
    <form className="quiz" onSubmit={submit}>
      <p className="muted">{t("passMark", { ratio: passMarkPercent / 100 })}</p>
      {lastAttempt && !result && (
        <p className="muted">
          {t("lastAttempt", {
            ratio: lastAttempt.scorePercent / 100,
            result: lastAttempt.passed ? t("passed") : t("failed"),
          })}
        </p>
      )}
      {questions.map((q, i) => {
        const graded = byQuestion.get(q.id);
        return (
          <fieldset key={q.id} className="quiz-question" disabled={!!result}>
            <legend className="muted">{t("question", { number: i + 1, total: questions.length })}</legend>
            <div className="prose" dangerouslySetInnerHTML={{ __html: q.promptHtml }} />
            <p className="muted">{q.multiple ? t("chooseMany") : t("chooseOne")}</p>
            <ul className="quiz-options">
              {q.options.map((o) => {
                const isCorrect = graded?.correctOptionIds.includes(o.id);
                return (
                  <li key={o.id} className={graded ? (isCorrect ? "option-correct" : "") : ""}>
                    <label>
                      <input
                        type={q.multiple ? "checkbox" : "radio"}
                        name={`q-${q.id}`}
                        value={o.id}
                        checked={(answers[q.id] ?? []).includes(o.id)}
                        onChange={(e) => choose(q, o.id, e.currentTarget.checked)}
                      />
                      <span className="quiz-option-text" dangerouslySetInnerHTML={{ __html: o.textHtml }} />
                      {graded && isCorrect && <strong> ✓ {t("correctAnswer")}</strong>}
                    </label>
                  </li>
                );
              })}
            </ul>
            {graded && (
              <div className="quiz-feedback">
                <strong>
                  {graded.credit === 1 ? t("correct") : graded.credit > 0 ? t("partial") : t("incorrect")}
                </strong>
                {graded.explanationHtml && (
                  <div>
                    <span className="muted">{t("explanation")}: </span>
                    <div className="prose" dangerouslySetInnerHTML={{ __html: graded.explanationHtml }} />
                  </div>
                )}
              </div>
            )}
          </fieldset>
        );
      })}
      {result ? (
        <div className={`quiz-result ${result.passed ? "passed" : "failed"}`} role="status">
          <p>
            <strong>{result.passed ? t("passed") : t("failed")}</strong> —{" "}
            {t("score", { ratio: result.scorePercent / 100 })}
          </p>
          {result.courseCompleted && (
            <p>
              {tp("courseCompleted")}{" "}
              {/* shown once the refreshed page knows the completion (and with it the certificate's id) */}
              {completion && (
                <Link
                  className="button"
                  href={certificateHref(completion.certificateId)}
                  data-testid="quiz-get-certificate"
                >
                  {tp("getCertificate")}
                </Link>
              )}
            </p>
          )}
          {!result.answersRevealed && <p className="muted">{t("answersHidden")}</p>}
          {retryAt ? (
            <p data-testid="quiz-cooldown">{t("cooldown", { time: time(retryAt) })}</p>
          ) : (
            <>
              {!result.passed && attemptsLeft !== null && (
                <p className="muted">{t("attemptsLeft", { count: attemptsLeft })}</p>
              )}
              <button
                type="button"
                className="button secondary"
                onClick={() => {
                  setResult(null);
                  setAnswers({});
                }}
              >
                {t("retry")}
              </button>
            </>
          )}
        </div>
      ) : (
        canTrack &&
        (retryAt ? (
          <p data-testid="quiz-cooldown">{t("cooldown", { time: time(retryAt) })}</p>
        ) : (
          <>
            {attempts && !attempts.passed && (
              <p className="muted">{t("attemptsLeft", { count: attempts.attemptsLeft })}</p>
            )}
            <button className="button" type="submit" disabled={pending}>
              {pending ? t("submitting") : t("submit")}
            </button>
          </>
        ))
      )}
      {error && <p role="alert">{error}</p>}
    </form>
  );
}
