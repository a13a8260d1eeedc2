/**
 * Accessibility (issue 14 item 13): every page a visitor, a learner, a provider and an admin can reach is
 * checked with axe-core (`@axe-core/playwright`, WCAG 2.x A/AA rules and best practices) and may have no
 * violation of impact "serious" or "critical". A failure lists each rule, its impact and the offending
 * elements, so a regression names its cause. The CSP fixture also proves the pages run without violations
 * (cached anonymous pages included, see server/page-cache.ts).
 */
import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures/csp";
import { seededCourse, sessionCookieFor, withStackDb } from "./fixtures/stack";

async function expectNoSeriousViolations(page: Page, label: string) {
  await page.waitForLoadState("load");
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
  expect(serious, `${label}: serious/critical axe violations`).toEqual([]);
}

async function checkAll(page: Page, paths: string[]) {
  for (const path of paths) {
    const res = await page.goto(path);
    expect(res?.status(), `${path} answered ${res?.status()}`).toBeLessThan(400);
    await expectNoSeriousViolations(page, path);
  }
}

test("visitor pages have no serious accessibility violations (English and German)", async ({ page, context }) => {
  // axe analyses ~15 pages; generous on a shared 2-core machine
  test.setTimeout(360_000);
  const paths = [
    "/",
    "/courses",
    "/courses?q=git",
    "/courses/git-novice",
    "/courses/solidity-by-example",
    "/learn/git-novice",
    "/signin",
    "/signup",
    "/verify",
    "/checkout/cancel",
  ];
  await checkAll(page, paths);
  // the open mobile menu is part of the page too
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto("/");
  await page.locator("header.site-header").getByRole("button", { name: "Menu" }).click();
  await expectNoSeriousViolations(page, "/ with the menu open");
  await page.setViewportSize({ width: 1280, height: 800 });
  await context.addCookies([{ name: "NEXT_LOCALE", value: "de", url: page.url() }]);
  await checkAll(page, ["/", "/courses", "/courses/git-novice"]);
  await expect(page.locator("html")).toHaveAttribute("lang", "de");
});

test("learner, provider and admin pages have no serious accessibility violations", async ({
  page,
  browser,
  baseURL,
}) => {
  test.setTimeout(480_000);
  await page.goto("/signup");
  const email = `a11y-${Date.now()}@example.org`;
  await page.getByLabel("Display name").fill("Ada A11y-Learner");
  await page.getByLabel("E-mail").fill(email);
  await page.getByLabel("Password").fill("correct horse battery");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByTestId("user-menu-name")).toHaveText("Ada A11y-Learner");
  const free = await page.request.post("/api/courses/solidity-by-example/enroll-free");
  expect(free.status()).toBe(201);
  await checkAll(page, [
    "/signup/check-inbox",
    "/dashboard",
    "/certificates",
    "/account",
    "/redeem",
    "/courses/solidity-by-example",
    "/learn/solidity-by-example",
  ]);
  await page.getByRole("link", { name: "Next lesson" }).click();
  await expectNoSeriousViolations(page, "second lesson of solidity-by-example");

  const { courseId, providerId, providerEmail } = await seededCourse("git-novice");
  const provider = await browser.newContext();
  await provider.addCookies([
    await sessionCookieFor(baseURL!, { id: providerId, email: providerEmail, name: "Provider" }),
  ]);
  const providerPage = await provider.newPage();
  await checkAll(providerPage, [
    "/studio",
    "/studio/new",
    `/studio/courses/${courseId}`,
    `/studio/courses/${courseId}/codes`,
    `/studio/courses/${courseId}/preview`,
    "/earnings",
  ]);
  await provider.close();

  await withStackDb((db) =>
    db.query(`UPDATE "User" SET roles = ARRAY['LEARNER','PLATFORM_ADMIN']::"Role"[] WHERE email = $1`, [email]),
  );
  await checkAll(page, ["/admin", "/school"]);
});
