/**
 * The player (issue 14 item 6) through the UI: transcript from the VTT captions beside the video (click a
 * line → the video seeks there), playback speed remembered across visits, resume at the last position, course
 * progress bar, next/previous lesson, the PDF drawn inline by pdf.js at a phone's width (next page, zoom, no
 * sideways scrolling, no layout shift), and "Completed" instead of "Resume" on the
 * dashboard once a course is finished. Setup only through the API: the provider's access code (seeded provider
 * without password, see fixtures/stack.ts), free enrollment, and marking all but one lesson done.
 */
import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures/csp";
import { providerApi } from "./fixtures/stack";

async function providerAccessCode(baseURL: string, slug: string): Promise<string> {
  const { api, courseId } = await providerApi(baseURL, slug);
  try {
    const res = await api.post("/api/access-codes", { data: { courseId, count: 1 } });
    expect(res.status(), await res.text()).toBe(201);
    return ((await res.json()) as { codes: { code: string }[] }).codes[0]!.code;
  } finally {
    await api.dispose();
  }
}

const sidebar = (page: Page) => page.getByRole("navigation", { name: "Course content" });
const video = (page: Page) => page.locator("video");
const progressText = async (page: Page) => {
  const text = (await page.getByTestId("player-course-progress").textContent()) ?? "";
  const m = /^(\d+) of (\d+) lessons completed/.exec(text);
  expect(m, text).not.toBeNull();
  return { done: Number(m![1]), total: Number(m![2]) };
};

/** The layout viewport does not scroll sideways (clientWidth, not innerWidth: see mobile.spec.ts). */
async function expectNoSidewaysScroll(page: Page, label: string) {
  const { scrollWidth, clientWidth } = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    clientWidth: document.documentElement.clientWidth,
  }));
  expect(scrollWidth, `${label}: scrollWidth ${scrollWidth} > clientWidth ${clientWidth}`).toBeLessThanOrEqual(
    clientWidth,
  );
}

/**
 * PDF page `n` is really drawn: its canvas is as wide as the viewer allows (≥ 300 px on the phone, within the
 * screen) and carries ink — at least 2 % of its pixels are clearly not white (a blank canvas has none).
 */
async function expectDrawn(page: Page, n: number) {
  const canvas = page.locator(`.pdf-pages [data-page="${n}"] canvas`);
  await expect(canvas).toBeAttached({ timeout: 20_000 });
  const { ink, width, right } = await canvas.evaluate((c: HTMLCanvasElement) => {
    const { data } = c.getContext("2d")!.getImageData(0, 0, c.width, c.height);
    let dark = 0;
    for (let i = 0; i < data.length; i += 4) {
      if (data[i + 3]! > 0 && Math.min(data[i]!, data[i + 1]!, data[i + 2]!) < 200) dark++;
    }
    const box = c.getBoundingClientRect();
    return { ink: dark / (c.width * c.height), width: box.width, right: box.right };
  });
  expect(ink, `page ${n}: share of inked pixels`).toBeGreaterThan(0.02);
  expect(width).toBeGreaterThanOrEqual(300);
  expect(right).toBeLessThanOrEqual(390);
}

/** Cumulative layout shift of the page since it loaded (shifts right after input do not count). */
async function layoutShift(page: Page): Promise<number> {
  return page.evaluate(
    () =>
      new Promise<number>((resolve) => {
        new PerformanceObserver((list, observer) => {
          observer.disconnect();
          const shifts = list.getEntries() as (PerformanceEntry & { value: number; hadRecentInput: boolean })[];
          resolve(shifts.filter((e) => !e.hadRecentInput).reduce((sum, e) => sum + e.value, 0));
        }).observe({ type: "layout-shift", buffered: true });
        setTimeout(() => resolve(0), 1000); // no shift at all: the observer is never called
      }),
  );
}

test("player: transcript, remembered speed, resume position, progress bar, lesson navigation, inline PDF, Completed", async ({
  page,
  baseURL,
}) => {
  test.setTimeout(180_000);
  const code = await providerAccessCode(baseURL!, "git-novice");
  await page.goto("/signup");
  await page.getByLabel("Display name").fill("Pia Player");
  await page.getByLabel("E-mail").fill(`player-${Date.now()}@example.org`);
  await page.getByLabel("Password").fill("correct horse battery");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.locator("header").getByTestId("user-menu-name")).toHaveText("Pia Player");
  await page.goto("/redeem");
  await page.getByRole("textbox", { name: "Access code" }).fill(code);
  await page.getByRole("button", { name: "Redeem" }).click();
  await expect(page.getByText("You are enrolled in Version Control with Git.")).toBeVisible();

  // Video lesson: the transcript from the captions, beside the video.
  await page.goto("/learn/git-novice");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Welcome to the course");
  const transcript = page.getByRole("complementary", { name: "Transcript" });
  await expect(transcript.getByRole("button", { name: /Hildy!/ })).toBeVisible();
  await expect(transcript.getByRole("listitem")).toHaveCount(5);
  const before = await progressText(page);
  expect(before.done).toBe(0);
  await expect(page.getByRole("progressbar", { name: "Course progress" })).toHaveAttribute("value", "0");

  // A transcript line seeks the video there and becomes the current line.
  await transcript.getByRole("button", { name: /How are you\?/ }).click();
  await expect.poll(() => video(page).evaluate((v: HTMLVideoElement) => v.currentTime)).toBeCloseTo(1, 1);
  await expect(transcript.locator('li[aria-current="true"]')).toContainText("How are you?");

  // Speed: chosen once, remembered on the next visit.
  await page.getByLabel("Playback speed").selectOption("1.5");
  await expect.poll(() => video(page).evaluate((v: HTMLVideoElement) => v.playbackRate)).toBe(1.5);

  // Resume: play a little, pause (the player reports the position), come back later.
  await video(page).evaluate((v: HTMLVideoElement) => {
    v.muted = true;
    return v.play();
  });
  await page.waitForFunction(() => (document.querySelector("video")?.currentTime ?? 0) >= 2.2);
  // the pause's report (≥ 2 s), not a slower answer to the transcript seek's report (1 s) still on its way
  const reported = page.waitForResponse(
    (r) =>
      r.url().includes("/progress") &&
      r.request().method() === "POST" &&
      Number((r.request().postDataJSON() as { positionSeconds?: number } | null)?.positionSeconds ?? 0) >= 2,
  );
  const pausedAt = await video(page).evaluate((v: HTMLVideoElement) => {
    v.pause();
    return v.currentTime;
  });
  expect((await reported).status()).toBe(200);
  await page.reload();
  await expect(page.getByLabel("Playback speed")).toHaveValue("1.5");
  await expect.poll(() => video(page).evaluate((v: HTMLVideoElement) => v.playbackRate)).toBe(1.5);
  // the server keeps whole seconds (features/learning/watch.ts): on a loaded machine the pause lands at 2.9 s and
  // the player resumes at 2 s — at least the stored second, never the start
  await expect
    .poll(() => video(page).evaluate((v: HTMLVideoElement) => v.currentTime))
    .toBeGreaterThanOrEqual(Math.max(1, Math.floor(pausedAt)));

  // Next lesson, mark it done: the progress bar moves; previous lesson goes back.
  await page.getByRole("link", { name: "Next lesson" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Automated Version Control");
  await page.getByRole("button", { name: "Mark as done" }).click();
  await expect.poll(async () => (await progressText(page)).done).toBe(before.done + 1);
  await page.getByRole("link", { name: "Previous lesson" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Welcome to the course");

  // The PDF lesson on a 390 px phone: pdf.js draws the pages inline (Chrome on Android shows an <iframe> of a PDF
  // blank), as wide as the screen allows — no sideways scrolling —, with next/previous page, zoom and download.
  await page.setViewportSize({ width: 390, height: 844 });
  const worker = page.waitForEvent("worker");
  await sidebar(page).getByRole("link", { name: "Git cheat sheet (PDF)" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Git cheat sheet (PDF)");
  // pdf.js' worker comes from our own origin (no CDN), in the version of the viewer's pdf.js
  expect((await worker).url()).toMatch(new RegExp(`^${baseURL}/api/pdfjs/\\d+\\.\\d+\\.\\d+/worker\\.mjs$`));
  const pages = page.getByRole("region", { name: "Pages of “Git cheat sheet (PDF)”" });
  const controls = page.getByRole("group", { name: "Document controls" });
  await expect(controls.getByText("Page 1 of 2")).toBeVisible();
  await expect(pages.getByRole("group", { name: "Page 2 of 2" })).toBeAttached();
  await expectDrawn(page, 1);
  // the page's words lie over the canvas as pdf.js' text layer: selectable, searchable, read by screen readers
  const words = pages.getByRole("group", { name: "Page 1 of 2" }).locator(".textLayer");
  await expect(words).toContainText("GIT CHEAT SHEET", { ignoreCase: true, timeout: 20_000 });
  // … and lies exactly over the drawn page (sized from --total-scale-factor), its words inside it
  const layerBox = (await words.boundingBox())!;
  const canvasBox = (await page.locator('.pdf-pages [data-page="1"] canvas').boundingBox())!;
  expect(Math.abs(layerBox.width - canvasBox.width)).toBeLessThanOrEqual(2);
  expect(Math.abs(layerBox.height - canvasBox.height)).toBeLessThanOrEqual(2);
  const heading = (await words
    .getByText(/cheat sheet/i)
    .first()
    .boundingBox())!;
  expect(heading.x).toBeGreaterThanOrEqual(canvasBox.x - 1);
  expect(heading.x + heading.width).toBeLessThanOrEqual(canvasBox.x + canvasBox.width + 1);
  await expectNoSidewaysScroll(page, "PDF lesson at 100 %");
  // controls, pages and links of the viewer pass axe (WCAG 2.x A/AA, best practices) without serious violations
  const axe = await new AxeBuilder({ page }).include(".pdf-lesson").analyze();
  expect(axe.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => v.id)).toEqual([]);
  // the viewer's box is reserved before the document loads: loading the lesson afresh (no click, so every shift
  // counts), nothing moves while the pages are drawn
  await page.reload();
  await expectDrawn(page, 1);
  expect(await layoutShift(page)).toBeLessThan(0.01);

  await controls.getByRole("button", { name: "Next page" }).click();
  await expect(controls.getByText("Page 2 of 2")).toBeVisible();
  await expect(controls.getByRole("button", { name: "Next page" })).toBeDisabled();
  await expectDrawn(page, 2);
  await controls.getByRole("button", { name: "Previous page" }).click();
  await expect(controls.getByText("Page 1 of 2")).toBeVisible();

  // zooming in widens the page inside the viewer's own box, never the phone's page; "Fit to width" goes back
  await controls.getByRole("button", { name: "Zoom in" }).click();
  await expect(controls.getByText("125%")).toBeVisible();
  await expect
    .poll(() => pages.locator('[data-page="1"] canvas').evaluate((c) => c.getBoundingClientRect().width))
    .toBeGreaterThan(390);
  await expectNoSidewaysScroll(page, "PDF lesson at 125 %");
  await controls.getByRole("button", { name: "Fit to width" }).click();
  await expect(controls.getByText("100%")).toBeVisible();
  await expectDrawn(page, 1);

  // downloading gives the same file, under the media route's access rules
  const download = page.getByRole("link", { name: "Download the PDF" });
  const href = (await download.getAttribute("href")) ?? "";
  expect(href).toMatch(/^\/api\/media\/[^/#?]+$/);
  const pdf = await page.request.get(href);
  expect(pdf.status()).toBe(200);
  expect(pdf.headers()["content-type"]).toBe("application/pdf");
  await expect(page.getByRole("link", { name: "Open in a new tab" })).toHaveAttribute("target", "_blank");

  // a PDF that cannot be read (here: the file's bytes are no PDF): a clear message with the download link, and
  // "Try again" draws the document once it can be read
  await page.route("**/api/media/**", (r) =>
    r.request().resourceType() === "fetch"
      ? r.fulfill({ status: 200, contentType: "application/pdf", body: "this is not a PDF" })
      : r.continue(),
  );
  await page.reload();
  await expect(pages.getByRole("alert")).toContainText("This document cannot be shown here.");
  await expect(pages.getByRole("link", { name: "Download the PDF" })).toHaveAttribute("href", href);
  await expect(controls.getByRole("button", { name: "Next page" })).toBeDisabled();
  await page.unroute("**/api/media/**");
  await pages.getByRole("button", { name: "Try again" }).click();
  await expectDrawn(page, 1);
  await expect(controls.getByText("Page 1 of 2")).toBeVisible();
  await page.setViewportSize({ width: 1280, height: 720 });

  // A finished course: the dashboard says "Completed" instead of "Resume".
  expect((await page.request.post("/api/courses/solidity-by-example/enroll-free")).status()).toBe(201);
  await page.goto("/learn/solidity-by-example");
  // the text lessons (each has "Mark as done"); the optional welcome video is not required
  const links = await sidebar(page)
    .locator(".player-sections ol > li")
    .filter({ hasText: "(Text)" })
    .getByRole("link")
    .evaluateAll((as) => as.map((a) => a.getAttribute("href") ?? ""));
  const lessonIds = links.map((h) => decodeURIComponent(h.split("/").pop() ?? ""));
  expect(lessonIds.length).toBeGreaterThan(2);
  const last = lessonIds.at(-1)!;
  for (const id of lessonIds.slice(0, -1)) {
    // a lesson is marked done only after it was opened (the page records it)
    expect((await page.request.get(`/learn/solidity-by-example/${encodeURIComponent(id)}`)).status()).toBe(200);
    const res = await page.request.post(`/api/learning/lessons/${encodeURIComponent(id)}/complete`);
    expect(res.status(), id).toBe(200);
  }
  await page.goto("/dashboard");
  const course = page.locator('[data-course="solidity-by-example"]');
  await expect(course.getByRole("link", { name: "Resume" })).toBeVisible();
  await page.goto(`/learn/solidity-by-example/${encodeURIComponent(last)}`);
  await page.getByRole("button", { name: "Mark as done" }).click();
  await expect(page.getByTestId("player-course-progress")).toContainText("(100%)");
  await page.goto("/dashboard");
  await expect(course.getByRole("link", { name: "Completed — review the course" })).toBeVisible();
  await expect(course.getByRole("link", { name: "Resume" })).toHaveCount(0);
});
