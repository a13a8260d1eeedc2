import { describe, expect, it } from "vitest";
import { isoDuration, splitDuration } from "./duration.ts";

describe("splitDuration", () => {
  it("rounds to minutes and splits hours", () => {
    expect(splitDuration(0)).toEqual({ hours: 0, minutes: 0 });
    expect(splitDuration(6)).toEqual({ hours: 0, minutes: 1 });
    expect(splitDuration(89)).toEqual({ hours: 0, minutes: 1 });
    expect(splitDuration(90)).toEqual({ hours: 0, minutes: 2 });
    expect(splitDuration(3600 + 25 * 60)).toEqual({ hours: 1, minutes: 25 });
  });
});

describe("isoDuration", () => {
  it("writes HTML/ISO 8601 durations for <time dateTime>", () => {
    expect(isoDuration(0)).toBe("PT0S");
    expect(isoDuration(6)).toBe("PT6S");
    expect(isoDuration(245)).toBe("PT4M5S");
    expect(isoDuration(3_600)).toBe("PT1H");
    expect(isoDuration(3_725.4)).toBe("PT1H2M5S");
  });
});
