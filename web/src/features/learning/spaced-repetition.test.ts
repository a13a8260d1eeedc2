/** Unit: SM-2 style scheduling math and study order. */
import { describe, expect, it } from "vitest";
import { AGAIN_DELAY_MS, MIN_EASE, newCard, schedule, studyOrder, type CardSchedule } from "./spaced-repetition.ts";

const now = new Date("2026-11-22T10:00:00Z");
const DAY = 86_400_000;
const days = (s: CardSchedule) => (s.dueAt.getTime() - now.getTime()) / DAY;

describe("schedule", () => {
  it("good: 1 day, then 6 days, then interval × ease", () => {
    const s1 = schedule(newCard(now), "good", now);
    expect(s1).toMatchObject({ intervalDays: 1, repetitions: 1, easeFactor: 250 });
    expect(days(s1)).toBe(1);
    const s2 = schedule(s1, "good", now);
    expect(s2).toMatchObject({ intervalDays: 6, repetitions: 2 });
    const s3 = schedule(s2, "good", now);
    expect(s3).toMatchObject({ intervalDays: 15, repetitions: 3, easeFactor: 250 });
    expect(days(s3)).toBe(15);
  });

  it("again resets repetitions, lowers the ease by 0.2 and is due in 10 minutes", () => {
    const s = schedule({ intervalDays: 15, easeFactor: 250, repetitions: 3, dueAt: now }, "again", now);
    expect(s).toMatchObject({ intervalDays: 0, repetitions: 0, easeFactor: 230 });
    expect(s.dueAt.getTime() - now.getTime()).toBe(AGAIN_DELAY_MS);
  });

  it("hard grows the interval by 1.2 (at least one day) and lowers the ease by 0.15", () => {
    expect(schedule(newCard(now), "hard", now)).toMatchObject({ intervalDays: 1, easeFactor: 235 });
    expect(schedule({ intervalDays: 10, easeFactor: 250, repetitions: 3, dueAt: now }, "hard", now)).toMatchObject({
      intervalDays: 12,
      easeFactor: 235,
    });
    expect(schedule({ intervalDays: 1, easeFactor: 250, repetitions: 1, dueAt: now }, "hard", now).intervalDays).toBe(
      2,
    );
  });

  it("easy: the good interval × 1.3, at least one day more, and ease + 0.15", () => {
    expect(schedule(newCard(now), "easy", now)).toMatchObject({ intervalDays: 2, easeFactor: 265 });
    expect(schedule({ intervalDays: 6, easeFactor: 250, repetitions: 2, dueAt: now }, "easy", now)).toMatchObject({
      intervalDays: 20,
      easeFactor: 265,
    });
  });

  it("never lets the ease fall below 1.3", () => {
    let s = newCard(now);
    for (let i = 0; i < 20; i += 1) s = schedule(s, "again", now);
    expect(s.easeFactor).toBe(MIN_EASE);
  });
});

describe("studyOrder", () => {
  it("puts overdue cards first (by due time), then new cards in deck order, then the rest soonest first", () => {
    const at = (offsetDays: number): CardSchedule => ({
      intervalDays: 1,
      easeFactor: 250,
      repetitions: 1,
      dueAt: new Date(now.getTime() + offsetDays * DAY),
    });
    const cards = [
      { id: "future-far", position: 0, schedule: at(5) },
      { id: "new-2", position: 1, schedule: null },
      { id: "overdue-1d", position: 2, schedule: at(-1) },
      { id: "future-near", position: 3, schedule: at(1) },
      { id: "new-1", position: 0.5, schedule: null },
      { id: "overdue-3d", position: 4, schedule: at(-3) },
    ];
    expect(studyOrder(cards, now).map((c) => c.id)).toEqual([
      "overdue-3d",
      "overdue-1d",
      "new-1",
      "new-2",
      "future-near",
      "future-far",
    ]);
  });
});
