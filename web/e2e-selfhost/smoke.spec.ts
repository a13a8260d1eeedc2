/**
 * Self-host smoke through the real UI. Phase `first` runs on a fresh instance: health, the first
 * account signs up, signs out and in again, the catalog answers. Phase `restarted` runs after the stack
 * was stopped and started again: the same account signs in (the database volume kept it).
 * Credentials come from the runner (SELFHOST_EMAIL, SELFHOST_PASSWORD): generated per run.
 */
import { expect, test, type Page } from "@playwright/test";

const phase = process.env.SELFHOST_PHASE ?? "first";
const email = process.env.SELFHOST_EMAIL ?? "admin@school.example";
const password = process.env.SELFHOST_PASSWORD ?? "correct horse battery staple";
/** Username of the first admin on an offline instance (from the e-mail's local part). */
const username =
  (email.split("@")[0] ?? "")
    .toLowerCase()
    .replace(/[^a-z0-9._-]/g, "")
    .replace(/^[^a-z0-9]+/, "")
    .slice(0, 30) || "schooladmin";

/**
 * Signs in on /signin: an offline instance (health reports the chain "disabled") has the first admin from
 * "Set up your school", who signs in with the username; an online instance with the e-mail.
 */
async function signIn(page: Page): Promise<void> {
  const health = (await (await page.request.get("/api/health")).json()) as { chain?: { state?: string } };
  const offline = health.chain?.state === "disabled";
  await page.getByLabel(/^E-mail/).fill(offline ? username : email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
}

test("health answers: database and storage up", async ({ request }) => {
  const res = await request.get("/api/health");
  const body = (await res.json()) as { failing?: string[] };
  expect(res.status(), JSON.stringify(body)).toBe(200);
  expect(body.failing ?? []).toEqual([]);
});

test.describe("fresh instance", () => {
  test.skip(phase !== "first", "runs on the fresh instance only");

  test("the first account signs up, signs out and in again; the catalog answers", async ({ page }) => {
    const header = page.locator("header");
    // An offline school instance starts with "Set up your school" (first admin, username sign-in); an online
    // one has plain e-mail sign-up.
    await page.goto("/setup");
    if (new URL(page.url()).pathname === "/setup") {
      await page.getByLabel("School name").fill("Smoke School");
      await page.getByLabel("Your name").fill("School Admin");
      await page.getByLabel("Username").fill(username);
      await page.getByLabel("Password").fill(password);
      await page.getByRole("button", { name: "Set up school" }).click();
      await expect(page).toHaveURL(/\/signin/);
    } else {
      await page.goto("/signup");
      await page.getByLabel("Display name").fill("School Admin");
      await page.getByLabel("E-mail").fill(email);
      await page.getByLabel("Password").fill(password);
      await page.getByRole("button", { name: "Create account" }).click();
      await expect(header.getByTestId("user-menu-name")).toHaveText("School Admin");
      await header.getByRole("button", { name: "Sign out" }).click();
      await expect(header.getByRole("link", { name: "Sign in" })).toBeVisible();
      await header.getByRole("link", { name: "Sign in" }).click();
    }
    await signIn(page);
    await expect(header.getByTestId("user-menu-name")).toHaveText("School Admin");

    await page.goto("/");
    await expect(page.locator("main")).toBeVisible();
  });
});

test.describe("after a restart", () => {
  test.skip(phase !== "restarted", "runs after the stack restarted");

  test("the account created before the restart still signs in", async ({ page }) => {
    const header = page.locator("header");
    await page.goto("/signin");
    await signIn(page);
    await expect(header.getByTestId("user-menu-name")).toHaveText("School Admin");
  });
});
