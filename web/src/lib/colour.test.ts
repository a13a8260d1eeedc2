import { describe, expect, it } from "vitest";
import { contrastRatio, normalizeHex, relativeLuminance, whiteTextContrast } from "./colour";

describe("normalizeHex", () => {
  it("accepts #rrggbb, rrggbb, #rgb and rgb in any case", () => {
    expect(normalizeHex("#1F4FBF")).toBe("#1f4fbf");
    expect(normalizeHex(" aa5500 ")).toBe("#aa5500");
    expect(normalizeHex("#fc0")).toBe("#ffcc00");
    expect(normalizeHex("ABC")).toBe("#aabbcc");
  });
  it("refuses everything else", () => {
    for (const bad of ["", "#", "#12", "#1234", "#12345g", "red", "#aa55001", "rgb(1,2,3)", "##aa5500"])
      expect(normalizeHex(bad), bad).toBeNull();
  });
});

describe("WCAG contrast", () => {
  it("has the definition's end points", () => {
    expect(relativeLuminance("#000000")).toBe(0);
    expect(relativeLuminance("#ffffff")).toBeCloseTo(1, 10);
    expect(contrastRatio("#000", "#fff")).toBeCloseTo(21, 10);
    expect(contrastRatio("#777777", "#777777")).toBe(1);
  });
  it("matches published ratios and is symmetric", () => {
    // WebAIM's contrast checker: #767676 on white 4.54:1 (the lightest grey passing AA), #777777 4.48:1
    expect(contrastRatio("#767676", "#ffffff")).toBeCloseTo(4.54, 2);
    expect(contrastRatio("#ffffff", "#777777")).toBeCloseTo(4.48, 2);
    // pure red 4.0:1, pure blue 8.59:1
    expect(contrastRatio("#ff0000", "#fff")).toBeCloseTo(4.0, 2);
    expect(contrastRatio("#0000ff", "#fff")).toBeCloseTo(8.59, 2);
  });
  it("says whether white text on an accent colour meets AA", () => {
    expect(whiteTextContrast("#767676")).toEqual({ ratio: expect.closeTo(4.54, 2) as number, meetsAA: true });
    expect(whiteTextContrast("#777777")?.meetsAA).toBe(false);
    expect(whiteTextContrast("#ffcc00")?.meetsAA).toBe(false);
    expect(whiteTextContrast("#c2410c")?.meetsAA).toBe(true);
    expect(whiteTextContrast("#12")).toBeNull();
    expect(() => relativeLuminance("red")).toThrow("not a hex colour");
  });
});
