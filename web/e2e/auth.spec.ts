import { expect, test } from "@playwright/test";

test("sign up with e-mail and password, see the name in the header, sign out, sign in again", async ({ page }) => {
  const email = `e2e-${Date.now()}@example.org`;
  const password = "correct horse battery";
  const header = page.locator("header");

  await page.goto("/signup");
  await page.getByLabel("Display name").fill("Ada Lovelace");
  await page.getByLabel("E-mail").fill(email);
  await page.getByLabel("Password").fill("short");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByText("Too short (at least 10 characters).")).toBeVisible();

  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(header.getByTestId("user-menu-name")).toHaveText("Ada Lovelace");

  await header.getByRole("button", { name: "Sign out" }).click();
  await expect(header.getByRole("link", { name: "Sign in" })).toBeVisible();
  await expect(header.getByTestId("user-menu-name")).toHaveCount(0);

  await header.getByRole("link", { name: "Sign in" }).click();
  await page.getByLabel("E-mail").fill(email);
  await page.getByLabel("Password").fill("wrong password!");
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page.getByRole("alert")).toHaveText("E-mail or password is wrong.");

  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(header.getByTestId("user-menu-name")).toHaveText("Ada Lovelace");

  await header.getByTestId("user-menu-name").click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Your account");
  await expect(page.getByText(email)).toBeVisible();
});
