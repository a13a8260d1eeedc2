/**
 * The learner journey: sign up in the UI, enroll in the free course, get the paid git-novice course
 * through an access code that the seeded provider creates via the API, open the player, watch the welcome
 * video (it completes from the player's server-side heartbeats, there is no "mark as done" for videos), mark a
 * text lesson done, answer the real "Choosing a Commit Message" question (option 3) — first failing the quiz
 * (score only: the answer key stays hidden while attempts are left), then passing it on a retry (now the answers
 * and explanations show) — and see the progress on the dashboard.
 *
 * The seeded provider has no password (demo data), so this spec signs its API calls with a session
 * token encrypted with the stack's own session secret (`<E2E_DATA_DIR or .data/e2e>/nextauth-secret`), exactly as
 * next-auth issues them; its user id is read from the stack's embedded PostgreSQL.
 */
import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures/csp";
import { providerApi } from "./fixtures/stack";

/** A single-use access code for `slug`, created by its provider through POST /api/access-codes. */
async function providerAccessCode(baseURL: string, slug: string): Promise<string> {
  const { api, courseId } = await providerApi(baseURL, slug);
  try {
    const res = await api.post("/api/access-codes", { data: { courseId, count: 1 } });
    expect(res.status(), await res.text()).toBe(201);
    const { codes } = (await res.json()) as { codes: { id: string; code: string }[] };
    expect(codes).toHaveLength(1);
    return codes[0]!.code;
  } finally {
    await api.dispose();
  }
}

async function signUp(page: Page) {
  await page.goto("/signup");
  await page.getByLabel("Display name").fill("Grace Learner");
  await page.getByLabel("E-mail").fill(`learner-${Date.now()}@example.org`);
  await page.getByLabel("Password").fill("correct horse battery");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.locator("header").getByTestId("user-menu-name")).toHaveText("Grace Learner");
}

const sidebar = (page: Page) => page.getByRole("navigation", { name: "Course content" });

test("a learner opens the player, completes lessons, passes a real quiz and sees progress on the dashboard", async ({
  page,
  baseURL,
}) => {
  test.setTimeout(120_000);
  const code = await providerAccessCode(baseURL!, "git-novice");
  await signUp(page);

  // Anything but a preview lesson is locked before enrolling.
  await page.goto("/learn/git-novice");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Welcome to the course");
  await expect(page.getByRole("note")).toContainText("free preview lesson");
  await sidebar(page).getByText("Automated Version Control").waitFor();
  await expect(sidebar(page).getByRole("link", { name: "Automated Version Control" })).toHaveCount(0);

  // Free course: the free-enrollment action.
  const free = await page.request.post("/api/courses/solidity-by-example/enroll-free");
  expect(free.status()).toBe(201);

  // Paid course: redeem the provider's access code in the UI.
  await page.goto("/redeem");
  await page.getByRole("textbox", { name: "Access code" }).fill(code);
  await page.getByRole("button", { name: "Redeem" }).click();
  await expect(page.getByText("You are enrolled in Version Control with Git.")).toBeVisible();

  // The player: video with captions; it completes only by playing it (heartbeats), not by a button.
  await page.goto("/learn/git-novice");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Welcome to the course");
  await expect(page.locator("video track[kind=captions]")).toHaveAttribute("srclang", "en");
  // Playback under the CSP: the video comes from /api/media (a blocked media-src would be a reported violation).
  await expect(page.locator("video")).toHaveAttribute("src", /^\/api\/media\//);
  await expect(page.getByLabel("Playback speed")).toBeVisible();
  await expect(page.getByRole("button", { name: "Mark as done" })).toHaveCount(0);
  await expect(page.getByTestId("watch-progress")).toContainText("Watched 0 s");
  // Press play like a person would (muted, as browsers require for script-started playback) and let it run.
  await page.locator("video").evaluate((v: HTMLVideoElement) => {
    v.muted = true;
    return v.play();
  });
  await expect(page.getByRole("status").filter({ hasText: "Completed" })).toBeVisible({ timeout: 30_000 });
  await expect(sidebar(page).getByRole("img", { name: "Completed", exact: true })).toHaveCount(1);
  await page.getByRole("link", { name: "Next lesson" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Automated Version Control");
  await expect(page.locator(".lesson-text h2").first()).toHaveText("Objectives");
  await page.getByRole("button", { name: "Mark as done" }).click();
  await expect(sidebar(page).getByRole("img", { name: "Completed", exact: true })).toHaveCount(2);

  // The quiz of "Tracking Changes": no answer key in the page before submitting.
  await sidebar(page).getByRole("link", { name: "Tracking Changes: Quiz" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Tracking Changes: Quiz");
  const commitMessage = page.locator("fieldset").filter({ hasText: "Choosing a Commit Message" });
  const committing = page.locator("fieldset").filter({ hasText: "Committing Changes to Git" });
  expect(await page.content()).not.toContain("Answer 1 is not descriptive enough");

  // First attempt: only the commit-message question right → 50 % < 70 %. Score only: no answer key yet.
  await expect(page.getByText("3 attempts left before a pause")).toBeVisible();
  await commitMessage.getByRole("radio").nth(2).check();
  await committing.getByRole("radio").nth(0).check();
  await page.getByRole("button", { name: "Submit answers" }).click();
  const result = page.locator(".quiz-result");
  await expect(result).toContainText("Not passed yet");
  await expect(result).toContainText("Your score: 50%");
  await expect(result).toContainText("2 attempts left before a pause");
  await expect(commitMessage.getByText("Correct", { exact: true })).toHaveCount(0);
  expect(await page.content()).not.toContain("Answer 1 is not descriptive enough");

  // Retry: both right → passed.
  await page.getByRole("button", { name: "Try again" }).click();
  await commitMessage.getByRole("radio").nth(2).check();
  await committing.getByRole("radio").nth(2).check();
  await page.getByRole("button", { name: "Submit answers" }).click();
  await expect(result).toContainText("Passed");
  await expect(result).toContainText("Your score: 100%");
  await expect(commitMessage.getByText("Correct", { exact: true })).toBeVisible();
  await expect(commitMessage).toContainText("Answer 1 is not descriptive enough");
  await expect(sidebar(page).getByRole("img", { name: "Completed", exact: true })).toHaveCount(3);

  // Dashboard: both courses, progress, resume at the quiz.
  await page.goto("/dashboard");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("My learning");
  const git = page.locator('[data-course="git-novice"]');
  await expect(git.locator(".course-progress")).toHaveText(/^\d+% complete$/); // Intl percent: no space in English
  const percent = Number((await git.locator(".course-progress").textContent())?.split("%")[0]);
  expect(percent).toBeGreaterThan(0);
  await expect(git).toContainText("Access code");
  await expect(git).toContainText("Available after you complete the course");
  await expect(page.locator('[data-course="solidity-by-example"]')).toContainText("0% complete");
  await git.getByRole("link", { name: "Resume" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Tracking Changes: Quiz");

  // A completed lesson lets the learner review the course.
  await page.goto("/courses/git-novice");
  await page.getByLabel("Your experience (optional)").fill("Clear, practical and well paced.");
  await page.getByRole("button", { name: "Publish review" }).click();
  await expect(page.getByText("Thank you — your review is saved.")).toBeVisible();
  await expect(page.locator(".reviews-list")).toContainText("Clear, practical and well paced.");
});
