import { describe, expect, it } from "vitest";
import { averageOneDecimal, summarize } from "./ratings";

describe("rating summaries", () => {
  it("rounds the mean half-up to one decimal in integers", () => {
    expect(averageOneDecimal(13, 3)).toBe("4.3");
    expect(averageOneDecimal(9, 2)).toBe("4.5");
    expect(averageOneDecimal(29, 20)).toBe("1.5");
    expect(averageOneDecimal(5, 1)).toBe("5.0");
    expect(averageOneDecimal(0, 0)).toBeNull();
  });
  it("counts the distribution and ignores out-of-range ratings", () => {
    expect(
      summarize([
        { rating: 5, count: 2 },
        { rating: 1, count: 1 },
        { rating: 7, count: 4 },
      ]),
    ).toEqual({ average: "3.7", count: 3, distribution: { 1: 1, 2: 0, 3: 0, 4: 0, 5: 2 } });
  });
});
