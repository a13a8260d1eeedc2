"use client";
/** Flip cards with again/hard/good/easy grading; due cards first (order from the server). */
import { useFormatter, useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState } from "react";
import type { PlayerFlashcard } from "@/features/learning/player";
import { GRADES, type Grade } from "@/features/learning/spaced-repetition";
import { postJson } from "./api";

export interface FlashcardsProps {
  cards: PlayerFlashcard[];
  canTrack: boolean;
}

export function Flashcards({ cards, canTrack }: FlashcardsProps) {
  const t = useTranslations("learning.flashcards");
  const tp = useTranslations("learning.player");
  const format = useFormatter();
  const router = useRouter();
  const dueCount = cards.filter((c) => c.due).length;
  const [queue, setQueue] = useState<PlayerFlashcard[]>(() => (dueCount > 0 ? cards.filter((c) => c.due) : []));
  const [flipped, setFlipped] = useState(false);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState(false);
  const [nextDue, setNextDue] = useState<string | null>(null);
  if (cards.length === 0) return <p className="muted">{t("empty")}</p>;
  const card = queue[0];

  async function grade(g: Grade) {
    if (!card) return;
    setPending(true);
    setError(false);
    const res = await postJson<{ schedule: { dueAt: string }; lessonCompleted: boolean }>(
      `/api/learning/flashcards/${encodeURIComponent(card.id)}/review`,
      { grade: g },
    );
    setPending(false);
    if (!res.ok) {
      setError(true);
      return;
    }
    setNextDue(res.data.schedule.dueAt);
    setFlipped(false);
    // "again" keeps the card in this session (at the end of the queue)
    setQueue((q) => (g === "again" ? [...q.slice(1), q[0]!] : q.slice(1)));
    router.refresh();
  }

  if (!card) {
    return (
      <div className="flashcards">
        <p role="status">{t("allDone")}</p>
        {nextDue && (
          <p className="muted">
            {t("nextDue", { date: format.dateTime(new Date(nextDue), { dateStyle: "medium", timeStyle: "short" }) })}
          </p>
        )}
        <button type="button" className="button secondary" onClick={() => setQueue(cards)}>
          {t("restart")}
        </button>
      </div>
    );
  }
  const position = cards.findIndex((c) => c.id === card.id) + 1;
  return (
    <div className="flashcards">
      <p className="muted">
        {t("progress", { number: position, total: cards.length })} · {card.due ? t("due") : t("notDue")}
      </p>
      <div className={`flashcard ${flipped ? "flipped" : ""}`} aria-live="polite">
        <div className="prose" dangerouslySetInnerHTML={{ __html: flipped ? card.backHtml : card.frontHtml }} />
      </div>
      <button type="button" className="button secondary" onClick={() => setFlipped((f) => !f)}>
        {flipped ? t("flipBack") : t("flip")}
      </button>
      {flipped && canTrack && (
        <div className="flashcard-grades" role="group" aria-label={t("rate")}>
          <p>{t("rate")}</p>
          {GRADES.map((g) => (
            <button key={g} type="button" className="button" disabled={pending} onClick={() => void grade(g)}>
              {t(g)}
            </button>
          ))}
        </div>
      )}
      {error && <p role="alert">{tp("error")}</p>}
    </div>
  );
}
