"use client";
import { useRouter } from "next/navigation";
import { useFormatter, useTranslations } from "next-intl";
import { useState, type FormEvent } from "react";
import type { AnswerView, LessonQa, QuestionView } from "@/features/qa/service";
import { callApi } from "@/lib/api-client";

/** Interactive Q&A: ask, answer, upvote (toggle), accept (provider). Every change re-renders from the server. */
export function QaPanel({ lessonId, qa }: { lessonId: string; qa: LessonQa }) {
  const t = useTranslations("qa");
  return (
    <div className="qa-panel">
      {qa.canAsk && <AskForm lessonId={lessonId} />}
      {qa.questions.length === 0 ? (
        <p className="muted">{t("empty")}</p>
      ) : (
        <ol className="qa-questions">
          {qa.questions.map((q) => (
            <Question key={q.id} q={q} canAccept={qa.canAccept} />
          ))}
        </ol>
      )}
    </div>
  );
}

function useMutation() {
  const router = useRouter();
  const t = useTranslations("qa");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState("");
  const [fields, setFields] = useState<Record<string, string>>({});
  async function run(method: string, url: string, body?: unknown): Promise<boolean> {
    setBusy(true);
    setError("");
    const res = await callApi(method, url, body);
    setBusy(false);
    if (!res.ok) {
      setFields(res.error.fields);
      setError(
        res.error.code === "rate_limited" ? t("rateLimited") : Object.keys(res.error.fields).length ? "" : t("failed"),
      );
      return false;
    }
    setFields({});
    router.refresh();
    return true;
  }
  return { busy, error, fields, run };
}

function AskForm({ lessonId }: { lessonId: string }) {
  const t = useTranslations("qa");
  const { busy, error, fields, run } = useMutation();
  const [title, setTitle] = useState("");
  const [body, setBody] = useState("");
  const [done, setDone] = useState(false);
  async function submit(e: FormEvent) {
    e.preventDefault();
    setDone(false);
    if (await run("POST", `/api/qa/lessons/${lessonId}/questions`, { title, body })) {
      setTitle("");
      setBody("");
      setDone(true);
    }
  }
  return (
    <form className="qa-form" onSubmit={(e) => void submit(e)} noValidate>
      <h3>{t("ask.title")}</h3>
      <label htmlFor="qa-ask-title">{t("ask.question")}</label>
      <input
        id="qa-ask-title"
        value={title}
        maxLength={200}
        onChange={(e) => setTitle(e.target.value)}
        aria-invalid={fields.title ? true : undefined}
        aria-describedby={fields.title ? "qa-ask-title-e" : undefined}
      />
      {fields.title && (
        <span id="qa-ask-title-e" className="field-error" role="alert">
          {t("errors.title")}
        </span>
      )}
      <label htmlFor="qa-ask-body">{t("ask.details")}</label>
      <textarea id="qa-ask-body" value={body} onChange={(e) => setBody(e.target.value)} rows={4} />
      <div>
        <button type="submit" className="button" disabled={busy} aria-busy={busy}>
          {t("ask.submit")}
        </button>{" "}
        <span role="status">{done ? t("ask.done") : error}</span>
      </div>
    </form>
  );
}

function VoteButton({ url, votes, voted, mine }: { url: string; votes: number; voted: boolean; mine: boolean }) {
  const t = useTranslations("qa");
  const { busy, run } = useMutation();
  if (mine) return <span className="qa-votes">{t("votes", { count: votes })}</span>;
  return (
    <button
      type="button"
      className={`button secondary small qa-vote${voted ? " voted" : ""}`}
      aria-pressed={voted}
      disabled={busy}
      onClick={() => void run("POST", url)}
    >
      ▲ {t("upvote", { count: votes })}
    </button>
  );
}

function Question({ q, canAccept }: { q: QuestionView; canAccept: boolean }) {
  const t = useTranslations("qa");
  const format = useFormatter();
  return (
    <li id={`q-${q.id}`} className="qa-question" data-testid="qa-question">
      <h3>{q.title}</h3>
      <p className="muted">
        {t("askedBy", { name: q.authorName || t("anonymous") })} ·{" "}
        <time dateTime={q.createdAt}>{format.dateTime(new Date(q.createdAt), { dateStyle: "medium" })}</time>
      </p>
      {q.bodyHtml && <div className="prose" dangerouslySetInnerHTML={{ __html: q.bodyHtml }} />}
      <VoteButton url={`/api/qa/questions/${q.id}/vote`} votes={q.votes} voted={q.votedByMe} mine={q.mine} />
      <h4>{t("answers", { count: q.answers.length })}</h4>
      {q.answers.length > 0 && (
        <ul className="qa-answers">
          {q.answers.map((a) => (
            <Answer key={a.id} a={a} canAccept={canAccept} />
          ))}
        </ul>
      )}
      <AnswerForm questionId={q.id} />
    </li>
  );
}

function Answer({ a, canAccept }: { a: AnswerView; canAccept: boolean }) {
  const t = useTranslations("qa");
  const { busy, run } = useMutation();
  return (
    <li className={`qa-answer${a.accepted ? " accepted" : ""}`} data-testid="qa-answer">
      <p className="muted">
        {a.authorName || t("anonymous")}
        {a.byProvider && <span className="badge"> {t("provider")}</span>}
        {a.accepted && <strong className="badge accepted-badge"> ✓ {t("accepted")}</strong>}
      </p>
      <div className="prose" dangerouslySetInnerHTML={{ __html: a.bodyHtml }} />
      <div className="qa-actions">
        <VoteButton url={`/api/qa/answers/${a.id}/vote`} votes={a.votes} voted={a.votedByMe} mine={a.mine} />
        {canAccept && (
          <button
            type="button"
            className="button secondary small"
            aria-pressed={a.accepted}
            disabled={busy}
            onClick={() => void run("POST", `/api/qa/answers/${a.id}/accept`)}
          >
            {a.accepted ? t("unaccept") : t("accept")}
          </button>
        )}
      </div>
    </li>
  );
}

function AnswerForm({ questionId }: { questionId: string }) {
  const t = useTranslations("qa");
  const { busy, error, fields, run } = useMutation();
  const [body, setBody] = useState("");
  const id = `qa-answer-${questionId}`;
  async function submit(e: FormEvent) {
    e.preventDefault();
    if (await run("POST", `/api/qa/questions/${questionId}/answers`, { body })) setBody("");
  }
  return (
    <form className="qa-form" onSubmit={(e) => void submit(e)} noValidate>
      <label htmlFor={id}>{t("answer.label")}</label>
      <textarea
        id={id}
        value={body}
        rows={3}
        onChange={(e) => setBody(e.target.value)}
        aria-invalid={fields.body ? true : undefined}
      />
      {fields.body && (
        <span className="field-error" role="alert">
          {t("errors.body")}
        </span>
      )}
      <div>
        <button type="submit" className="button" disabled={busy} aria-busy={busy}>
          {t("answer.submit")}
        </button>{" "}
        <span role="status">{error}</span>
      </div>
    </form>
  );
}
