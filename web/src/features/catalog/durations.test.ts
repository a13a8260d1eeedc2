import { describe, expect, it } from "vitest";
import { lessonVideoSeconds, totalSeconds } from "./durations.ts";

describe("lesson durations", () => {
  it("a video: the media file's metadata first, else the lesson's field, else unknown", () => {
    expect(lessonVideoSeconds({ kind: "VIDEO", durationSeconds: 100, media: { durationSeconds: 245 } })).toBe(245);
    expect(lessonVideoSeconds({ kind: "VIDEO", durationSeconds: 100, media: { durationSeconds: null } })).toBe(100);
    expect(lessonVideoSeconds({ kind: "VIDEO", durationSeconds: null, media: null })).toBeNull();
  });

  it("other kinds have no duration, even with a field or a media file (nothing is estimated)", () => {
    for (const kind of ["TEXT", "PDF", "QUIZ", "FLASHCARDS"]) {
      expect(lessonVideoSeconds({ kind, durationSeconds: 600, media: { durationSeconds: 30 } }), kind).toBeNull();
    }
  });

  it("sums known durations", () => {
    expect(totalSeconds([{ durationSeconds: 245 }, { durationSeconds: null }, { durationSeconds: 6 }])).toBe(251);
    expect(totalSeconds([])).toBe(0);
  });
});
