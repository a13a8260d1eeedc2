/**
 * The course page (issue 14 item 2), as a visitor, on a phone and as an enrolled learner: hero with cover and
 * preview, what you'll learn, requirements, facts (lessons, video duration from the media file, level,
 * language, last updated as a formatted date), instructor card, ratings with stars and distribution, the
 * currency picker (one primary price, "Also payable in …" switches it), the phone's sticky buy bar, and after
 * enrolling "Go to the course" with progress instead of prices; a provider's logo (uploaded on /account) on
 * catalog cards and the instructor card.
 */
import { expect, test, type Page } from "@playwright/test";
import sharp from "sharp";
import { expectNoHorizontalScroll } from "./fixtures/layout";
import { seededCourse, sessionCookieFor } from "./fixtures/stack";

async function signUp(page: Page, name: string) {
  await page.goto("/signup");
  await page.getByLabel("Display name").fill(name);
  await page.getByLabel("E-mail").fill(`course-page-${Date.now()}@example.org`);
  await page.getByLabel("Password").fill("correct horse battery");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.locator("header").getByTestId("user-menu-name")).toHaveText(name, { timeout: 20_000 });
}

test("a visitor sees outcomes, facts, instructor and one primary price with the others one click away", async ({
  page,
}) => {
  await page.goto("/courses/git-novice");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Version Control with Git");
  await expect(page.getByRole("img", { name: /staging area/ })).toBeVisible();
  await expect(page.getByRole("link", { name: /Watch the free preview/ })).toHaveAttribute(
    "href",
    /\/learn\/git-novice\//,
  );

  const outcomes = page.getByTestId("learning-outcomes");
  await expect(outcomes.getByRole("heading", { name: "What you'll learn" })).toBeVisible();
  await expect(outcomes.getByRole("listitem")).toHaveCount(6);
  await expect(outcomes).toContainText("Resolve merge conflicts");
  await expect(page.getByTestId("requirements")).toContainText("A computer where you can install Git");

  const facts = page.getByTestId("course-facts");
  await expect(facts.locator('[data-fact="lessons"]')).toHaveText(/^\d+ lessons$/);
  // The one video (friday.mp4) plays 6 s according to the MP4 header read at upload: rounded to 1 minute.
  await expect(facts.locator('[data-fact="duration"]')).toHaveText("1 min");
  await expect(facts.locator('[data-fact="level"]')).toHaveText("Beginner");
  await expect(facts.locator('[data-fact="language"]')).toHaveText("English");
  const updated = facts.locator('[data-fact="updated"]');
  await expect(updated).toHaveText(/^[A-Z][a-z]{2} \d{1,2}, \d{4}$/); // "Dec 6, 2026", not ISO
  await expect(updated.locator("time")).toHaveAttribute("datetime", /^\d{4}-\d{2}-\d{2}T/);

  const instructor = page.getByTestId("instructor");
  await expect(instructor.getByRole("heading", { name: "Instructor" })).toBeVisible();
  await expect(instructor).toContainText("The Carpentries (demo import)");
  await expect(instructor).toContainText("1 course");

  // Currency picker: EUR first for an English visitor without a region; the rest are one click away.
  const box = page.getByTestId("buy-box");
  await expect(box.getByTestId("primary-price")).toHaveText("€19.99");
  await expect(box.getByRole("button", { name: "Buy with card · €19.99" })).toBeVisible();
  const also = box.getByTestId("also-payable");
  await expect(also).toContainText("Also payable in");
  await expect(also.getByRole("button")).toHaveText(["$21.99", "10 POL", "25 ESN"]);
  await also.getByRole("button", { name: "25 ESN" }).click();
  await expect(box.getByTestId("primary-price")).toHaveText("25 ESN");
  await expect(box.getByRole("button", { name: "Connect wallet to pay 25 ESN" })).toBeVisible();
  await expect(box.getByRole("button", { name: /Buy with card/ })).toHaveCount(0);
  await also.getByRole("button", { name: "$21.99" }).click();
  await expect(box.getByRole("button", { name: "Buy with card · $21.99" })).toBeVisible();

  // Desktop: no sticky bar.
  await expect(page.getByTestId("sticky-buy")).toBeHidden();
});

test("the curriculum: sections collapse and expand, show lesson counts and video time; lessons kind and duration", async ({
  page,
}) => {
  await page.goto("/courses/git-novice");
  const curriculum = page.getByTestId("curriculum");
  const sections = curriculum.locator("details.curriculum-section");
  const count = await sections.count();
  expect(count).toBeGreaterThan(1);
  await expect(curriculum).toContainText(`${count} sections · `);
  // the first section open, the others closed
  await expect(sections.first()).toHaveAttribute("open", "");
  await expect(curriculum.locator("details[open]")).toHaveCount(1);
  await expect(sections.first().locator("summary")).toContainText(/\d+ lessons?/);
  await expect(sections.first().locator("li.curriculum-lesson").first()).toBeVisible();

  // A click on a section's title opens it, another closes it.
  const second = sections.nth(1);
  const lessonOfSecond = second.locator("li.curriculum-lesson").first();
  await expect(lessonOfSecond).toBeHidden();
  await second.locator("summary").click();
  await expect(lessonOfSecond).toBeVisible();
  await second.locator("summary").click();
  await expect(lessonOfSecond).toBeHidden();

  // The one video (friday.mp4, 6 s by its MP4 header — the source of the facts' "1 min"): its row and its
  // section's summary show the rounded time; text lessons show their kind and no time.
  const video = curriculum.locator('li.curriculum-lesson[data-kind="VIDEO"]');
  await expect(video).toHaveCount(1);
  await expect(video.locator("time")).toHaveText("1 min");
  await expect(video.locator("time")).toHaveAttribute("datetime", "PT6S");
  const videoSection = sections.filter({ has: page.locator('li.curriculum-lesson[data-kind="VIDEO"]') });
  await expect(videoSection.locator("summary time")).toHaveText("1 min");
  const text = curriculum.locator('li.curriculum-lesson[data-kind="TEXT"]').first();
  await expect(text).toContainText("text");
  await expect(text.locator("time")).toHaveCount(0);
  // the free preview lesson: "Preview" and a link to it
  const preview = curriculum.locator("li.curriculum-lesson").filter({ hasText: "Preview" }).first();
  await expect(preview.getByRole("link", { name: /^Watch free preview: / })).toHaveAttribute(
    "href",
    /^\/learn\/git-novice\//,
  );

  // "Expand all sections" opens every section (server-rendered, no script of its own), then collapses them.
  await curriculum.getByRole("link", { name: "Expand all sections" }).click();
  await expect(page).toHaveURL(/\/courses\/git-novice\?sections=all#curriculum$/);
  await expect(curriculum.locator("details[open]")).toHaveCount(count);
  await expect(lessonOfSecond).toBeVisible();
  await curriculum.getByRole("link", { name: "Collapse all sections" }).click();
  await expect(page).toHaveURL(/\/courses\/git-novice#curriculum$/);
  await expect(curriculum.locator("details[open]")).toHaveCount(1);
  await expect(lessonOfSecond).toBeHidden();
});

test.describe("on a phone", () => {
  test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });

  test("a sticky buy bar carries the primary price and leads to the buy box", async ({ page }) => {
    await page.goto("/courses/git-novice");
    const bar = page.getByTestId("sticky-buy");
    await expect(bar).toBeVisible();
    await expect(bar).toContainText("€19.99");
    const y = await bar.evaluate((el) => el.getBoundingClientRect().bottom);
    expect(Math.round(y)).toBe(844); // fixed to the bottom edge
    await bar.getByRole("link", { name: "Buy" }).click();
    await expect(page.getByTestId("buy-box")).toBeInViewport();
    await expectNoHorizontalScroll(page, "course page");
  });

  test("every curriculum section open still fits the phone", async ({ page }) => {
    await page.goto("/courses/git-novice?sections=all");
    const curriculum = page.getByTestId("curriculum");
    await expect(curriculum.locator("details:not([open])")).toHaveCount(0);
    await curriculum.scrollIntoViewIfNeeded();
    await expectNoHorizontalScroll(page, "course page, curriculum expanded");
  });
});

test("an enrolled learner sees progress and 'Go to the course' instead of prices; ratings show stars", async ({
  page,
  browser,
  baseURL,
}) => {
  await signUp(page, "Paula Progress");
  await page.goto("/courses/solidity-by-example");
  await page.getByRole("button", { name: "Enroll for free" }).click();
  await expect(page).toHaveURL(/\/learn\/solidity-by-example/);

  await page.goto("/courses/solidity-by-example");
  const box = page.getByTestId("buy-box");
  await expect(box).toHaveAttribute("data-enrolled", "true");
  await expect(box).toContainText("You are enrolled in this course.");
  await expect(box.getByTestId("course-progress")).toHaveText("0% complete");
  await expect(box.getByTestId("primary-price")).toHaveCount(0);
  await expect(box.getByRole("button", { name: "Enroll for free" })).toHaveCount(0);
  await expect(page.getByRole("link", { name: /Watch the free preview/ })).toHaveCount(0); // enrolled: no teaser
  const go = box.getByRole("link", { name: "Go to the course" });
  await expect(go).toHaveAttribute("href", /^\/learn\/solidity-by-example/);

  // Setup through the API: one lesson done (progress moves), then a review so the ratings have data.
  const course = (await (await page.request.get("/api/courses/solidity-by-example")).json()) as {
    sections: { lessons: { id: string; kind: string }[] }[];
  };
  // A text lesson: "mark as done" needs no watching (the intro video needs its watch time first).
  const lessonId = course.sections.flatMap((s) => s.lessons).find((l) => l.kind === "TEXT")!.id;
  expect((await page.request.get(`/api/learning/lessons/${lessonId}`)).status()).toBe(200);
  expect((await page.request.post(`/api/learning/lessons/${lessonId}/complete`)).status()).toBe(200);
  const review = await page.request.put("/api/reviews/courses/solidity-by-example", {
    data: { rating: 5, body: "Short, complete contracts." },
  });
  expect(review.status(), await review.text()).toBeLessThan(300);

  await page.reload();
  await expect(box.getByTestId("course-progress")).not.toHaveText("0% complete");
  await expect(box.getByRole("link", { name: "Continue learning" })).toBeVisible();
  await expect(page.getByRole("img", { name: /out of 5 stars/ })).toBeVisible();
  await expect(page.getByRole("list", { name: "Rating distribution" }).getByRole("listitem").first()).toContainText(
    "5 stars",
  );

  // German UI: the same page in German (outcomes heading, facts), for an anonymous visitor.
  const visitor = await browser.newContext();
  await visitor.addCookies([{ name: "NEXT_LOCALE", value: "de", url: baseURL! }]);
  const v = await visitor.newPage();
  await v.goto("/courses/solidity-by-example");
  await expect(v.getByRole("heading", { name: "Das lernst du" })).toBeVisible();
  await expect(v.getByTestId("course-facts").locator('[data-fact="level"]')).toHaveText("Fortgeschritten");
  await expect(v.getByTestId("curriculum").locator("summary").first()).toContainText(/\d+ Lektion/);
  await expect(v.getByTestId("curriculum").getByRole("link", { name: "Alle Abschnitte aufklappen" })).toBeVisible();
  await expect(v.getByTestId("course-facts").locator('[data-fact="updated"]')).toHaveText(/^\d{2}\.\d{2}\.\d{4}$/);
  await visitor.close();
});

test("a provider uploads a logo on /account; catalog cards and the course page show it", async ({
  browser,
  baseURL,
}) => {
  const { providerId, providerEmail } = await seededCourse("git-novice");
  const provider = await browser.newContext();
  await provider.addCookies([
    await sessionCookieFor(baseURL!, { id: providerId, email: providerEmail, name: "Provider" }),
  ]);
  const p = await provider.newPage();
  await p.goto("/account");
  const logo = await sharp({ create: { width: 600, height: 400, channels: 3, background: { r: 20, g: 120, b: 200 } } })
    .png()
    .toBuffer();
  await p
    .getByLabel("Profile picture or logo")
    .setInputFiles({ name: "logo.png", mimeType: "image/png", buffer: logo });
  await expect(p.getByTestId("avatar-form").getByRole("status")).toHaveText("Saved.");
  const current = p.getByRole("img", { name: "Your current picture" });
  await expect(current).toHaveAttribute("src", new RegExp(`/api/users/${providerId}/avatar\\?v=\\d+`));
  await provider.close();

  const visitor = await browser.newContext();
  const v = await visitor.newPage();
  await v.goto("/courses/git-novice");
  const avatar = v.getByTestId("instructor").locator("img.avatar");
  await expect(avatar).toHaveAttribute("src", new RegExp(`/api/users/${providerId}/avatar`));
  await avatar.scrollIntoViewIfNeeded(); // below the fold: next/image loads it lazily
  await expect.poll(() => avatar.evaluate((i: HTMLImageElement) => i.complete && i.naturalWidth)).toBe(256);
  await v.goto("/");
  const card = v.getByTestId("course-card").filter({ hasText: "Version Control with Git" }).first();
  await expect(card.locator("img.avatar")).toHaveAttribute("src", new RegExp(`/api/users/${providerId}/avatar`));
  await visitor.close();
});
