/**
 * Issue 4 e2e: a provider signs up, becomes a provider, creates a course with a video lesson (uploaded in
 * chunks through the UI with a progress bar) and a quiz, prices it in EUR and ESN and publishes it (the ESN
 * listing goes through the outbox to the chain); then a visitor with the German UI finds it by search.
 */
import path from "node:path";
import sharp from "sharp";
import { expect, test } from "./fixtures/csp";
import { signUpAsProvider } from "./fixtures/provider";

const VIDEO = path.resolve(import.meta.dirname, "../content/media/mdn-cc0-videos/flower.mp4");
const COVER = path.resolve(import.meta.dirname, "../content/media/mdn-cc0-videos/flower-cover.jpg");
const COVER_ALT = "A red flower bud opening";
const PAYOUT = "0x90F79bf6EB2c4f870365E785982E1f101E93b906";

test("provider publishes a priced course with a video and a quiz; a German visitor finds it", async ({
  page,
  browser,
  baseURL,
}) => {
  test.setTimeout(180_000);
  const unique = `Quokka${Date.now().toString(36)}`;
  const title = `${unique} origami for beginners`;

  // Sign up through the auth UI and become a provider on /account.
  await signUpAsProvider(page, "Petra Provider", `${unique.toLowerCase()}@example.org`, PAYOUT);

  // The header now links to the studio.
  await page.goto("/");
  await page.locator("header").getByRole("link", { name: "Studio" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Studio");
  await page.getByRole("link", { name: "New course" }).click();

  // Create the course; the Markdown preview renders the description.
  await page.getByLabel("Title", { exact: true }).fill(title);
  await page.getByLabel("Subtitle", { exact: true }).fill("Fold a quokka in ten steps");
  await page.getByLabel("Description (Markdown)").fill("## What you learn\n\n*Valley* and **mountain** folds.");
  await page.getByRole("button", { name: "Preview" }).click();
  await expect(page.getByTestId("description-preview").getByRole("heading", { name: "What you learn" })).toBeVisible();
  await page.getByLabel("Category", { exact: true }).fill("crafts");
  // The course page's "What you'll learn" and requirements: one per line (blank lines dropped).
  await page.getByLabel("What learners will learn").fill("Valley folds\n\nMountain folds\n");
  await page.getByLabel("Requirements", { exact: true }).fill("A square sheet of paper");
  // A cover image needs a text alternative before the course can be saved.
  // The 16:9 part is chosen in the cropper before the upload: zoom in, drag the image, then upload.
  await page.getByLabel("Cover image").setInputFiles(COVER);
  const cropper = page.getByTestId("cover-cropper");
  await expect(cropper.locator("img")).toBeVisible();
  await page.getByLabel("Zoom", { exact: true }).focus();
  await page.keyboard.press("End"); // zoom 3×
  const frame = (await cropper.boundingBox())!;
  await page.mouse.move(frame.x + frame.width / 2, frame.y + frame.height / 2);
  await page.mouse.down();
  await page.mouse.move(frame.x + frame.width / 2 + 120, frame.y + frame.height / 2 + 40, { steps: 5 });
  await page.mouse.up();
  await page.getByRole("button", { name: "Upload cropped cover" }).click();
  await expect(page.getByTestId("cover-crop-preview")).toBeVisible();
  await expect(cropper).toHaveCount(0);
  await page.getByRole("button", { name: "Create course" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "describe the cover image" })).toBeVisible();
  await page.getByLabel("Cover description (alt text)").fill(COVER_ALT);
  await page.getByRole("button", { name: "Create course" }).click();
  await expect(page).toHaveURL(/\/studio\/courses\/c[0-9a-f]{24}$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(title);

  // The editor is split into tabs; details first.
  await expect(page.getByRole("tab", { name: "Details" })).toHaveAttribute("aria-selected", "true");
  // The uploaded original is kept: the cover is re-cropped later without uploading it again.
  const storedCover = page.locator("img.cover-preview");
  const firstCover = await storedCover.getAttribute("src");
  const uploads: string[] = [];
  page.on("request", (r) => {
    if (new URL(r.url()).pathname.startsWith("/api/uploads")) uploads.push(r.url());
  });
  await page.getByRole("button", { name: "Re-crop the current cover" }).click();
  const recropper = page.getByTestId("cover-cropper");
  await expect(recropper.locator("img")).toHaveAttribute("src", /^\/api\/media\/c[a-z0-9]+$/);
  await expect.poll(() => recropper.locator("img").evaluate((i: HTMLImageElement) => i.naturalWidth)).toBe(960);
  // it opens at the stored crop (zoomed in as chosen at upload), not at the whole image
  await expect(page.getByLabel("Zoom", { exact: true })).not.toHaveValue("1");
  const area = (await recropper.boundingBox())!;
  await page.mouse.move(area.x + area.width / 2, area.y + area.height / 2);
  await page.mouse.down();
  await page.mouse.move(area.x + area.width / 2 - 150, area.y + area.height / 2 - 60, { steps: 5 });
  await page.mouse.up();
  await page.getByRole("button", { name: "Apply crop" }).click();
  await expect(page.getByTestId("cover-crop-preview")).toBeVisible();
  await page.getByRole("button", { name: "Save", exact: true }).click();
  await expect(page.getByRole("status").filter({ hasText: "Saved." })).toBeVisible();
  expect(uploads).toEqual([]);
  await page.reload();
  await expect(storedCover).toHaveAttribute("src", /^\/api\/media\/c[a-z0-9]+$/);
  expect(await storedCover.getAttribute("src")).not.toBe(firstCover);
  await expect(page.getByRole("button", { name: "Re-crop the current cover" })).toBeVisible();
  // A section with a video lesson (chunked upload with a progress bar) and a quiz.
  await page.getByRole("tab", { name: "Curriculum" }).click();
  await page.getByLabel("Section title", { exact: true }).fill("Getting started");
  await page.getByRole("button", { name: "Add section" }).click();
  await expect(page.getByTestId("studio-section")).toContainText("Getting started");

  await page.getByLabel("Lesson title", { exact: true }).fill("Watch the folds");
  await page.getByLabel("Kind", { exact: true }).selectOption("VIDEO");
  await page.getByRole("button", { name: "Add lesson" }).click();
  await page.getByRole("button", { name: "Edit: Watch the folds" }).click();
  await page.getByLabel("Video file (MP4 or WebM)").setInputFiles(VIDEO);
  const progress = page.getByRole("progressbar", { name: "Upload progress" });
  await expect(progress).toBeVisible();
  await expect(page.getByText("Uploaded", { exact: true })).toBeVisible({ timeout: 30_000 });
  expect(await progress.getAttribute("value")).toBe(await progress.getAttribute("max"));
  await page.getByLabel("Free preview").check();
  await page.getByRole("button", { name: "Save lesson" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Saved." })).toBeVisible();
  await page.getByRole("button", { name: "Close" }).click();
  await expect(page.getByTestId("studio-lesson").first()).toContainText("Free preview");

  await page.getByLabel("Lesson title", { exact: true }).fill("Check yourself");
  await page.getByLabel("Kind", { exact: true }).selectOption("QUIZ");
  await page.getByRole("button", { name: "Add lesson" }).click();
  await page.getByRole("button", { name: "Edit: Check yourself" }).click();
  await page.getByLabel("Question", { exact: true }).fill("Which fold points away from you?");
  await page.getByLabel("Option 1").fill("Mountain fold");
  await page.getByLabel("Option 2").fill("Valley fold");
  await page.getByLabel("Explanation").fill("A mountain fold forms a ridge.");
  await page.getByRole("button", { name: "Save quiz" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Saved." })).toBeVisible();

  await expect(page.getByTestId("studio-lesson")).toHaveCount(2);

  // Prices in EUR (cents) and ESN (wei); invalid precision is refused beside the field first.
  await page.getByRole("tab", { name: "Pricing" }).click();
  await expect(page).toHaveURL(/#pricing$/);
  await page.getByLabel("Price in EUR").fill("19.999");
  await page.getByRole("button", { name: "Save pricing" }).click();
  await expect(page.getByText("Too many decimal places for this currency.")).toBeVisible();
  await expect(page.getByRole("region", { name: "Pricing" }).getByRole("status")).toHaveText(
    "Please correct the marked fields.",
  );
  await page.getByLabel("Price in EUR").fill("19.99");
  await page.getByLabel("Price in ESN").fill("25");
  await expect(page.getByLabel("Payout address for crypto sales")).toHaveValue(PAYOUT);
  await page.getByRole("button", { name: "Save pricing" }).click();
  await expect(page.getByRole("region", { name: "Pricing" }).getByRole("status")).toHaveText("Saved.");

  // Publish: the ESN listing goes through the outbox and is confirmed on the local chain.
  await page.getByRole("tab", { name: "Publishing" }).click();
  await page.getByRole("button", { name: "Publish", exact: true }).click();
  await expect(page.getByTestId("course-status")).toHaveText("Published");
  await expect(page.getByTestId("listing-ESN")).toContainText("25");
  await expect(page.getByTestId("listing-ESN-status")).toHaveText("confirmed", { timeout: 60_000 });

  // The learner preview shows the video with its media URL and the quiz.
  await page.getByRole("link", { name: "Preview as a learner" }).click();
  await expect(page.locator("video")).toHaveAttribute("src", /\/api\/media\/c[a-z0-9]+/);
  await expect(page.getByText("Which fold points away from you?")).toBeVisible();
  const src = await page.locator("video").getAttribute("src");
  const ranged = await page.request.get(src!, { headers: { range: "bytes=0-99" } });
  expect(ranged.status()).toBe(206);
  expect(ranged.headers()["content-range"]).toMatch(/^bytes 0-99\/\d+$/);

  // A visitor with the German UI finds the course by search and opens it.
  const visitor = await browser.newContext();
  await visitor.addCookies([{ name: "NEXT_LOCALE", value: "de", url: baseURL! }]);
  const v = await visitor.newPage();
  await v.goto(`/courses?q=${encodeURIComponent(unique)}`);
  const card = v.getByTestId("course-card").filter({ hasText: title });
  await expect(card).toBeVisible();
  // The card and the course page show the cover: 16:9, its alt text, responsive WebP sizes from next/image.
  const cardCover = card.getByRole("img", { name: COVER_ALT });
  await expect(cardCover).toHaveAttribute("srcset", /\/_next\/image\?url=%2Fapi%2Fmedia%2F\w+&w=\d+/);
  await expect.poll(() => cardCover.evaluate((i: HTMLImageElement) => i.complete && i.naturalWidth)).toBeGreaterThan(0);
  const box = (await cardCover.boundingBox())!;
  expect(box.width / box.height).toBeCloseTo(16 / 9, 1);
  const optimized = await v.request.get(await cardCover.evaluate((i: HTMLImageElement) => i.currentSrc), {
    headers: { accept: "image/avif,image/webp,image/apng,image/*,*/*;q=0.8" }, // what Chromium sends for images
  });
  expect(optimized.headers()["content-type"]).toBe("image/webp");
  await card.getByRole("link", { name: title }).click();
  await expect(v.getByRole("heading", { level: 1 })).toHaveText(title);
  await expect(v.getByRole("img", { name: COVER_ALT })).toBeVisible();
  // The stored cover is the chosen region as a 16:9 WebP (1600 × 900), not the 960 × 540 upload.
  // currentSrc stays "" until the browser has picked a candidate from the srcset (slow under load): wait for it
  const pageCover = v.getByRole("img", { name: COVER_ALT });
  await expect
    .poll(() => pageCover.evaluate((i: HTMLImageElement) => i.currentSrc))
    .toMatch(/url=%2Fapi%2Fmedia%2F\w+/);
  const coverSrc = await pageCover.evaluate((i: HTMLImageElement) => i.currentSrc);
  const coverId = /url=%2Fapi%2Fmedia%2F(\w+)/.exec(coverSrc)?.[1];
  const stored = await v.request.get(`/api/media/${coverId}`);
  expect(stored.headers()["content-type"]).toBe("image/webp");
  const meta = await sharp(await stored.body()).metadata();
  expect([meta.width, meta.height]).toEqual([1600, 900]);
  await expect(v.getByRole("heading", { name: "Lehrplan" })).toBeVisible();
  await expect(v.getByTestId("learning-outcomes").getByRole("listitem")).toHaveText(["Valley folds", "Mountain folds"]);
  await expect(v.getByTestId("requirements")).toContainText("A square sheet of paper");
  await expect(v.getByText("Watch the folds")).toBeVisible();
  // The free-preview video is public: an anonymous visitor may fetch it.
  expect((await v.request.get(src!, { headers: { range: "bytes=0-0" } })).status()).toBe(206);
  await visitor.close();
});
