"use client";
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { callApi } from "./api";
import { BusyButton, useFieldError, useFormState } from "./form-state";
import { Field } from "./field";
import type { EditorLesson } from "./types";
import styles from "./studio.module.css";

type Question = EditorLesson["questions"][number];
type Card = EditorLesson["flashcards"][number];
const blankQuestion = (): Question => ({
  prompt: "",
  multiple: false,
  explanation: "",
  options: [
    { text: "", correct: true },
    { text: "", correct: false },
  ],
});

/** Saves via PUT and shows field errors keyed like `questions.0.options`. */
function useSave(url: string) {
  const router = useRouter();
  const { busy, status, fields, run } = useFormState();
  async function save(body: unknown) {
    const res = await run(() => callApi("PUT", url, body));
    if (res?.ok) router.refresh();
  }
  return { busy, fields, status, save };
}

/** Questions with single/multiple-choice options, correct flags, explanations, the pass mark, attempts and cooldown. */
export function QuizEditor({
  lessonId,
  initial,
}: {
  lessonId: string;
  initial: { passMarkPercent: number; maxAttempts: number; cooldownMinutes: number; questions: Question[] };
}) {
  const t = useTranslations("studio.quiz");
  const [passMark, setPassMark] = useState(String(initial.passMarkPercent));
  const [maxAttempts, setMaxAttempts] = useState(String(initial.maxAttempts));
  const [cooldown, setCooldown] = useState(String(initial.cooldownMinutes));
  const [qs, setQs] = useState<Question[]>(initial.questions.length ? initial.questions : [blankQuestion()]);
  const { busy, fields, status, save } = useSave(`/api/studio/lessons/${lessonId}/quiz`);
  const fieldError = useFieldError();
  const patch = (i: number, q: Partial<Question>) => setQs(qs.map((x, k) => (k === i ? { ...x, ...q } : x)));

  function submit(e: FormEvent) {
    e.preventDefault();
    void save({
      passMarkPercent: Number(passMark),
      maxAttempts: Number(maxAttempts),
      cooldownSeconds: Math.round(Number(cooldown) * 60),
      questions: qs,
    });
  }

  return (
    <form className={styles.form} onSubmit={submit} noValidate>
      <Field
        label={t("passMark")}
        name={`pass-${lessonId}`}
        inputMode="numeric"
        value={passMark}
        onChange={(e) => setPassMark(e.target.value)}
        error={fields.passMarkPercent}
      />
      <Field
        label={t("maxAttempts")}
        name={`attempts-${lessonId}`}
        inputMode="numeric"
        value={maxAttempts}
        onChange={(e) => setMaxAttempts(e.target.value)}
        error={fields.maxAttempts}
      />
      <Field
        label={t("cooldownMinutes")}
        name={`cooldown-${lessonId}`}
        inputMode="numeric"
        value={cooldown}
        onChange={(e) => setCooldown(e.target.value)}
        error={fields.cooldownSeconds}
      />
      {qs.map((q, i) => (
        <fieldset key={i} className={styles.item}>
          <legend>{t("question", { n: i + 1 })}</legend>
          <Field
            label={t("prompt")}
            name={`q-${lessonId}-${i}`}
            value={q.prompt}
            onChange={(e) => patch(i, { prompt: e.target.value })}
            error={fields[`questions.${i}.prompt`]}
          />
          <label className={styles.row}>
            <input type="checkbox" checked={q.multiple} onChange={(e) => patch(i, { multiple: e.target.checked })} />
            {t("multiple")}
          </label>
          {q.options.map((o, j) => (
            <div key={j} className={styles.row}>
              <Field
                label={t("option", { n: j + 1 })}
                name={`o-${lessonId}-${i}-${j}`}
                value={o.text}
                onChange={(e) =>
                  patch(i, { options: q.options.map((x, k) => (k === j ? { ...x, text: e.target.value } : x)) })
                }
                error={fields[`questions.${i}.options.${j}.text`]}
              />
              <label className={styles.row}>
                <input
                  type={q.multiple ? "checkbox" : "radio"}
                  name={`correct-${lessonId}-${i}`}
                  checked={o.correct}
                  onChange={(e) =>
                    patch(i, {
                      options: q.options.map((x, k) =>
                        k === j ? { ...x, correct: e.target.checked } : q.multiple ? x : { ...x, correct: false },
                      ),
                    })
                  }
                />
                {t("correct")}
              </label>
            </div>
          ))}
          {fields[`questions.${i}.options`] && (
            <span className={styles.error} role="alert">
              {fieldError(fields[`questions.${i}.options`])}
            </span>
          )}
          <Field
            label={t("explanation")}
            name={`x-${lessonId}-${i}`}
            value={q.explanation}
            onChange={(e) => patch(i, { explanation: e.target.value })}
            error={fields[`questions.${i}.explanation`]}
          />
          {/* a media link in the question's texts that is not the provider's own (features/media/usage.ts) */}
          {fields[`questions.${i}`] && (
            <span className={styles.error} role="alert">
              {fieldError(fields[`questions.${i}`])}
            </span>
          )}
          <div className={styles.row}>
            <button
              type="button"
              className={`button secondary ${styles.small}`}
              onClick={() => patch(i, { options: [...q.options, { text: "", correct: false }] })}
            >
              {t("addOption")}
            </button>
            <button
              type="button"
              className={`button secondary ${styles.small}`}
              onClick={() => setQs(qs.filter((_, k) => k !== i))}
            >
              {t("remove")}
            </button>
          </div>
        </fieldset>
      ))}
      {fields.questions && (
        <span className={styles.error} role="alert">
          {fieldError(fields.questions)}
        </span>
      )}
      <div className={styles.row}>
        <button type="button" className="button secondary" onClick={() => setQs([...qs, blankQuestion()])}>
          {t("addQuestion")}
        </button>
        <BusyButton busy={busy}>{t("save")}</BusyButton>
        <span role="status">{status}</span>
      </div>
    </form>
  );
}

/** Front/back flashcards. */
export function FlashcardsEditor({ lessonId, initial }: { lessonId: string; initial: Card[] }) {
  const t = useTranslations("studio.cards");
  const [cards, setCards] = useState<Card[]>(initial.length ? initial : [{ front: "", back: "" }]);
  const { busy, fields, status, save } = useSave(`/api/studio/lessons/${lessonId}/flashcards`);
  const fieldError = useFieldError();
  const patch = (i: number, c: Partial<Card>) => setCards(cards.map((x, k) => (k === i ? { ...x, ...c } : x)));
  return (
    <form
      className={styles.form}
      onSubmit={(e) => {
        e.preventDefault();
        void save({ cards });
      }}
      noValidate
    >
      {cards.map((c, i) => (
        <div key={i} className={styles.grid2}>
          <Field
            label={t("front", { n: i + 1 })}
            name={`front-${lessonId}-${i}`}
            value={c.front}
            onChange={(e) => patch(i, { front: e.target.value })}
            error={fields[`cards.${i}.front`]}
          />
          <Field
            label={t("back", { n: i + 1 })}
            name={`back-${lessonId}-${i}`}
            value={c.back}
            onChange={(e) => patch(i, { back: e.target.value })}
            error={fields[`cards.${i}.back`]}
          />
          {fields[`cards.${i}`] && (
            <span className={styles.error} role="alert">
              {fieldError(fields[`cards.${i}`])}
            </span>
          )}
          <button
            type="button"
            className={`button secondary ${styles.small}`}
            onClick={() => setCards(cards.filter((_, k) => k !== i))}
          >
            {t("remove")}
          </button>
        </div>
      ))}
      {fields.cards && (
        <span className={styles.error} role="alert">
          {fieldError(fields.cards)}
        </span>
      )}
      <div className={styles.row}>
        <button
          type="button"
          className="button secondary"
          onClick={() => setCards([...cards, { front: "", back: "" }])}
        >
          {t("add")}
        </button>
        <BusyButton busy={busy}>{t("save")}</BusyButton>
        <span role="status">{status}</span>
      </div>
    </form>
  );
}
