/**
 * A simple SM-2 style scheduler (after P. Woźniak's SM-2, with the four answer buttons of Anki).
 * The ease factor is an integer in hundredths (250 = 2.5), minimum 130; intervals are whole days.
 *
 * - again: repetitions reset to 0, ease −20, due again in 10 minutes (interval 0 days);
 * - hard:  ease −15; interval 1 day for a new card, else max(previous + 1, round(previous × 1.2));
 * - good:  ease unchanged; 1 day, then 6 days, then round(previous × ease);
 * - easy:  ease +15; the "good" interval × 1.3 (rounded), at least "good" + 1 day.
 */

export const GRADES = ["again", "hard", "good", "easy"] as const;
export type Grade = (typeof GRADES)[number];

/** Scheduling state of one card for one learner. */
export interface CardSchedule {
  intervalDays: number;
  /** hundredths: 250 = 2.5 */
  easeFactor: number;
  repetitions: number;
  dueAt: Date;
}

export const INITIAL_EASE = 250;
export const MIN_EASE = 130;
/** Delay before a card answered "again" is due again, in milliseconds. */
export const AGAIN_DELAY_MS = 10 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

/** The state of a card never reviewed. */
export function newCard(now: Date): CardSchedule {
  return { intervalDays: 0, easeFactor: INITIAL_EASE, repetitions: 0, dueAt: now };
}

function goodInterval(prev: CardSchedule): number {
  if (prev.repetitions === 0) return 1;
  if (prev.repetitions === 1) return 6;
  return Math.max(1, Math.round((prev.intervalDays * prev.easeFactor) / 100));
}

/** The schedule after answering `grade` at `now`. */
export function schedule(prev: CardSchedule, grade: Grade, now: Date): CardSchedule {
  const ease = (delta: number) => Math.max(MIN_EASE, prev.easeFactor + delta);
  switch (grade) {
    case "again":
      return {
        intervalDays: 0,
        easeFactor: ease(-20),
        repetitions: 0,
        dueAt: new Date(now.getTime() + AGAIN_DELAY_MS),
      };
    case "hard": {
      const days = prev.repetitions === 0 ? 1 : Math.max(prev.intervalDays + 1, Math.round(prev.intervalDays * 1.2));
      return at(now, days, ease(-15), prev.repetitions + 1);
    }
    case "good":
      return at(now, goodInterval(prev), prev.easeFactor, prev.repetitions + 1);
    case "easy": {
      const good = goodInterval(prev);
      return at(now, Math.max(good + 1, Math.round(good * 1.3)), ease(15), prev.repetitions + 1);
    }
  }
}

function at(now: Date, intervalDays: number, easeFactor: number, repetitions: number): CardSchedule {
  return { intervalDays, easeFactor, repetitions, dueAt: new Date(now.getTime() + intervalDays * DAY_MS) };
}

/**
 * Study order: due cards first — reviewed ones by due time, then new (never reviewed) ones in deck order —
 * then the cards not due yet, soonest first.
 */
export function studyOrder<T extends { position: number; schedule: CardSchedule | null }>(cards: T[], now: Date): T[] {
  const rank = (c: T) => (c.schedule === null ? 1 : c.schedule.dueAt <= now ? 0 : 2);
  return [...cards].sort((a, b) => {
    const r = rank(a) - rank(b);
    if (r !== 0) return r;
    if (a.schedule && b.schedule)
      return a.schedule.dueAt.getTime() - b.schedule.dueAt.getTime() || a.position - b.position;
    return a.position - b.position;
  });
}
