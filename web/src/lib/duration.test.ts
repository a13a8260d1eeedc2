import { describe, expect, it } from "vitest";
import { splitDuration } from "./duration.ts";

describe("splitDuration", () => {
  it("rounds to minutes and splits hours", () => {
    expect(splitDuration(0)).toEqual({ hours: 0, minutes: 0 });
    expect(splitDuration(6)).toEqual({ hours: 0, minutes: 1 });
    expect(splitDuration(89)).toEqual({ hours: 0, minutes: 1 });
    expect(splitDuration(90)).toEqual({ hours: 0, minutes: 2 });
    expect(splitDuration(3600 + 25 * 60)).toEqual({ hours: 1, minutes: 25 });
  });
});
