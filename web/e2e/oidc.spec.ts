/**
 * "Sign up" in the header and "Continue with Google" end to end: the app is configured with a generic OpenID
 * Connect provider (OIDC_ISSUER …, playwright.config.ts) that is a real `oidc-provider` on loopback
 * (e2e/global-setup.ts). The person signs in on the provider's own page, consents, comes back signed in to a
 * new learner account; after signing out, a second "Continue with Google" lands in the same account.
 */
import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures/csp";
import { oidcE2eConfig } from "./fixtures/oidc-config";

const header = (page: Page) => page.locator("header.site-header");

async function sessionUserId(page: Page): Promise<string | null> {
  const res = await page.request.get("/api/auth/session");
  const body = (await res.json()) as { user?: { id?: string } };
  return body.user?.id ?? null;
}

test("'Sign up' is in the header on a desktop and in the phone menu at 390 px", async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto("/courses");
  await expect(header(page).getByRole("button", { name: "Menu" })).toBeHidden();
  await expect(header(page).getByRole("link", { name: "Sign up" })).toBeVisible();

  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto("/courses");
  const nav = page.getByRole("navigation", { name: "Main" });
  await expect(nav.getByRole("link", { name: "Sign up" })).toBeHidden();
  await header(page).getByRole("button", { name: "Menu" }).click();
  await nav.getByRole("link", { name: "Sign up" }).click();
  await expect(page).toHaveURL(/\/signup/);
  await expect(page.getByRole("button", { name: "Continue with Google" })).toBeVisible();
});

test("Continue with Google: sign in and consent at the provider, back signed in; the second sign-in is the same account", async ({
  page,
}) => {
  const idp = oidcE2eConfig();
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto("/");
  await header(page).getByRole("link", { name: "Sign up" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Create your account");
  await page.getByRole("button", { name: "Continue with Google" }).click();

  // The provider's own sign-in page (another origin): a wrong password first, as people do.
  await expect(page).toHaveURL(new RegExp(`^${idp.issuer}/interaction/`));
  await expect(page.getByRole("heading", { name: "Sign in to Test Identity" })).toBeVisible();
  await page.getByLabel("E-mail").fill(idp.user.email);
  await page.getByLabel("Password").fill("not my password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("alert")).toHaveText("Wrong e-mail or password.");
  await page.getByLabel("Password").fill(idp.user.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { name: "Allow access" })).toBeVisible();
  await page.getByRole("button", { name: "Allow" }).click();

  // Back at the app, signed in as the provider's person.
  await expect(header(page).getByTestId("user-menu-name")).toHaveText(idp.user.name);
  const first = await sessionUserId(page);
  expect(first).toBeTruthy();
  await header(page).getByTestId("user-menu-name").click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Your account");
  await expect(page.getByText(idp.user.email)).toBeVisible();

  // Sign out (every session of the account ends), then continue with Google again: the provider remembers
  // the person and the consent and sends them straight back — into the same account.
  await header(page).getByRole("button", { name: "Sign out" }).click();
  await expect(header(page).getByRole("link", { name: "Sign in" })).toBeVisible();
  expect(await sessionUserId(page)).toBeNull();
  await header(page).getByRole("link", { name: "Sign in" }).click();
  await page.getByRole("button", { name: "Continue with Google" }).click();
  await expect(header(page).getByTestId("user-menu-name")).toHaveText(idp.user.name);
  expect(await sessionUserId(page)).toBe(first);
});
