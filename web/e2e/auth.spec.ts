import { expect, test } from "@playwright/test";
import { generatePrivateKey, privateKeyToAccount } from "viem/accounts";
import { createSiweMessage } from "viem/siwe";

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
  await expect(page.locator("form").getByRole("alert")).toHaveText("E-mail/username or password is wrong.");

  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(header.getByTestId("user-menu-name")).toHaveText("Ada Lovelace");

  await header.getByTestId("user-menu-name").click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Your account");
  await expect(page.getByText(email)).toBeVisible();
});

test("Sign-In With Ethereum through next-auth creates a wallet account; a replayed proof is refused", async ({
  page,
  baseURL,
}) => {
  const account = privateKeyToAccount(generatePrivateKey());
  const nonceRes = await page.request.post("/api/auth/siwe/nonce");
  expect(nonceRes.status()).toBe(201);
  const { nonce } = (await nonceRes.json()) as { nonce: string };
  const origin = new URL(baseURL ?? "http://localhost:3100");
  const message = createSiweMessage({
    address: account.address,
    chainId: 31337,
    domain: origin.host,
    nonce,
    uri: origin.origin,
    version: "1",
    issuedAt: new Date(),
  });
  const signature = await account.signMessage({ message });
  const signInWithProof = async () => {
    const { csrfToken } = (await (await page.request.get("/api/auth/csrf")).json()) as { csrfToken: string };
    const res = await page.request.post("/api/auth/callback/siwe", {
      form: { message, signature, csrfToken, json: "true", callbackUrl: origin.origin },
    });
    return (await res.json()) as { url: string };
  };

  expect((await signInWithProof()).url).not.toContain("error=");
  await page.goto("/account");
  await expect(page.getByText(account.address)).toBeVisible();
  await expect(page.locator("header").getByTestId("user-menu-name")).toHaveText("Account");

  expect((await signInWithProof()).url).toContain("error=nonce_invalid");
});

test("changing the password on /account signs out every other session and keeps this one", async ({
  page,
  browser,
}) => {
  const email = `e2e-pw-${Date.now()}@example.org`;
  const oldPassword = "first password 123";
  const newPassword = "second password 456";
  const header = page.locator("header");

  await page.goto("/signup");
  await page.getByLabel("Display name").fill("Grace Hopper");
  await page.getByLabel("E-mail").fill(email);
  await page.getByLabel("Password").fill(oldPassword);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(header.getByTestId("user-menu-name")).toHaveText("Grace Hopper");

  // A second device signs in with the same account.
  const other = await browser.newContext();
  const phone = await other.newPage();
  await phone.goto("/signin");
  await phone.getByLabel("E-mail").fill(email);
  await phone.getByLabel("Password").fill(oldPassword);
  await phone.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(phone.locator("header").getByTestId("user-menu-name")).toHaveText("Grace Hopper");

  await page.goto("/account");
  const form = page.locator("form").filter({ has: page.getByLabel("Current password") });
  await form.getByLabel("Current password").fill("not my password");
  await form.getByLabel("New password").fill(newPassword);
  await form.getByRole("button", { name: "Change password" }).click();
  await expect(form.getByText("The current password is not correct.")).toBeVisible();

  await form.getByLabel("Current password").fill(oldPassword);
  await form.getByLabel("New password").fill(newPassword);
  await form.getByRole("button", { name: "Change password" }).click();
  await expect(form.getByRole("status")).toHaveText("Password changed. Every other session has been signed out.");

  // This browser stays signed in (re-issued session) …
  await page.reload();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Your account");
  await expect(header.getByTestId("user-menu-name")).toHaveText("Grace Hopper");
  // … the other device's session has ended server-side: /account sends it to the sign-in page.
  await phone.goto("/account");
  await expect(phone).toHaveURL(/\/signin/);
  await expect(phone.locator("header").getByTestId("user-menu-name")).toHaveCount(0);

  // Only the new password signs in now.
  await phone.getByLabel("E-mail").fill(email);
  await phone.getByLabel("Password").fill(oldPassword);
  await phone.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(phone.locator("form").getByRole("alert")).toHaveText("E-mail/username or password is wrong.");
  await phone.getByLabel("Password").fill(newPassword);
  await phone.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(phone.locator("header").getByTestId("user-menu-name")).toHaveText("Grace Hopper");
  await other.close();
});
