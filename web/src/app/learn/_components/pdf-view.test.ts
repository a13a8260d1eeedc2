import { describe, expect, it } from "vitest";
import {
  currentPage,
  MAX_CANVAS_PIXELS,
  outputScale,
  pageBox,
  pdfErrorKind,
  zoomIn,
  zoomOut,
  ZOOM_STEPS,
} from "./pdf-view";

// the fixture cheat sheet's page (content/media/github-git-cheat-sheet: 613 × 860 pt)
const A_PAGE = { width: 613, height: 860 };

describe("PDF viewer arithmetic", () => {
  it("fits a page to the box width on a 360 px phone, never wider, and keeps the page's proportions", () => {
    for (const box of [328, 342, 358, 374]) {
      const { width, height } = pageBox(box, A_PAGE, 1);
      expect(width).toBeLessThanOrEqual(box);
      expect(width).toBeGreaterThanOrEqual(box - 1);
      expect(height / width).toBeCloseTo(860 / 613, 1);
    }
    expect(pageBox(400, A_PAGE, 2).width).toBe(800);
    expect(pageBox(400, A_PAGE, 0.5).width).toBe(200);
  });

  it("zooms through the steps and stops at both ends", () => {
    expect(zoomIn(1)).toBe(1.25);
    expect(zoomOut(1)).toBe(0.75);
    expect(zoomIn(ZOOM_STEPS.at(-1)!)).toBe(ZOOM_STEPS.at(-1));
    expect(zoomOut(ZOOM_STEPS[0])).toBe(ZOOM_STEPS[0]);
    // from a level between steps, to the neighbouring steps
    expect(zoomIn(1.1)).toBe(1.25);
    expect(zoomOut(1.1)).toBe(1);
  });

  it("draws at the screen's pixel density unless the canvas would be too large for a phone", () => {
    expect(outputScale(360, 505, 3)).toBe(3);
    expect(outputScale(360, 505, 0)).toBe(1);
    const big = outputScale(1440, 2020, 3); // zoom 400 % on a 3× phone
    expect(big).toBeLessThan(3);
    expect(Math.floor(1440 * big) * Math.floor(2020 * big)).toBeLessThanOrEqual(MAX_CANVAS_PIXELS);
  });

  it("names the current page by the reading line a third down the box", () => {
    const tops = [8, 521, 1034];
    expect(currentPage(tops, 0, 600)).toBe(1);
    expect(currentPage(tops, 400, 600)).toBe(2); // line at 600: page 2 began at 521
    expect(currentPage(tops, 521, 600)).toBe(2);
    expect(currentPage(tops, 900, 600)).toBe(3);
    expect(currentPage([], 0, 600)).toBe(1);
  });

  it("tells a password-protected PDF apart from other failures", () => {
    expect(pdfErrorKind(Object.assign(new Error("No password given"), { name: "PasswordException" }))).toBe("password");
    expect(pdfErrorKind(Object.assign(new Error("Invalid PDF structure."), { name: "InvalidPDFException" }))).toBe(
      "failed",
    );
    expect(pdfErrorKind(new TypeError("Failed to fetch"))).toBe("failed");
    expect(pdfErrorKind(null)).toBe("failed");
  });
});
