import { expect, test } from "@playwright/test";

test("visitor searches from the header and finds the Git course", async ({ page }) => {
  await page.goto("/");
  const search = page.getByRole("searchbox", { name: "Search courses" });
  await search.fill("git");
  await search.press("Enter");
  await expect(page).toHaveURL(/\/courses\?q=git$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Results for “git”");
  const card = page.getByTestId("course-card").filter({ hasText: "Version Control with Git" });
  await expect(card).toBeVisible();
  await card.getByRole("link", { name: "Version Control with Git" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Version Control with Git");
  // One primary price; the other currencies under "Also payable in" (the course page's currency picker).
  await expect(page.getByTestId("primary-price")).toHaveText("€19.99");
  await expect(page.getByTestId("also-payable")).toContainText("25 ESN");
});

test("filters live in the URL, bad values are ignored with a notice", async ({ page }) => {
  await page.goto("/courses?free=true&level=guru");
  await expect(page.getByRole("status")).toContainText("Level");
  await expect(page.getByTestId("course-card").filter({ hasText: "Version Control with Git" })).toHaveCount(0);
  await expect(page.getByTestId("course-card").first()).toContainText("Free");
});

test("the search page shows German labels after switching the UI language", async ({ page }) => {
  await page.goto("/courses?q=git");
  await page.getByRole("combobox", { name: "Language", exact: true }).selectOption("de");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Ergebnisse für „git“");
  await expect(page.getByRole("form", { name: "Filter" })).toBeVisible();
  await expect(page.getByLabel("Niveau")).toBeVisible();
  await expect(page.getByRole("button", { name: "Filter anwenden" })).toBeVisible();
  await expect(page.getByRole("combobox", { name: "Sprache", exact: true })).toBeVisible();
  await expect(page.getByRole("combobox", { name: "Verfügbar auf" })).toBeVisible();
  await expect(page.getByTestId("course-card").filter({ hasText: "Version Control with Git" })).toBeVisible();
});
