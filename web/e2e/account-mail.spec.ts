/**
 * Account mail through the UI (issue 14 item 9): the stack's worker sends through SMTP to the in-process
 * catcher; the spec reads the received messages and follows their links like a learner would.
 */
import { expect, test } from "@playwright/test";
import { caughtMails, waitForMail } from "./fixtures/mail.ts";

test("sign-up shows where the German confirmation link went, resends it, banners until confirmed; forgot password mails a single-use reset link that ends sessions", async ({
  page,
  browser,
  baseURL,
}) => {
  const email = `mail-${Date.now()}@example.org`;
  const origin = new URL(baseURL ?? "http://localhost:3100");
  await page.context().addCookies([{ name: "NEXT_LOCALE", value: "de", domain: origin.hostname, path: "/" }]);

  await page.goto("/signup");
  await page.waitForLoadState("networkidle"); // hydrated: the form submits through the API
  await page.getByLabel("Anzeigename").fill("Mila Mail");
  await page.getByLabel("E-Mail").fill(email);
  await page.getByLabel("Passwort").fill("first password 123");
  await page.getByRole("button", { name: "Konto erstellen" }).click();
  await expect(page.locator("header").getByTestId("user-menu-name")).toHaveText("Mila Mail");

  // The notice: where the link went, the spam hint, "Resend e-mail".
  await expect(page).toHaveURL(/\/signup\/check-inbox\?callbackUrl=%2F$/);
  const notice = page.getByTestId("check-inbox");
  await expect(notice.getByRole("heading", { level: 1 })).toHaveText("Sehen Sie in Ihr Postfach");
  await expect(notice).toContainText(`Wir haben einen Bestätigungslink an ${email} gesendet.`);
  await expect(notice.locator("strong")).toHaveText(email);
  await expect(notice).toContainText("Sehen Sie im Spam- oder Junk-Ordner nach");
  await expect(page.getByTestId("verify-banner")).toHaveCount(0); // the notice says it already

  const verification = await waitForMail((m) => m.to.includes(email));
  expect(verification.subject).toBe("Bestätigen Sie Ihre E-Mail-Adresse");
  expect(verification.text).toContain("Hallo Mila Mail,");
  expect(verification.html).toContain('<html lang="de">');
  const first = verification.links.find((l) => l.includes("/verify-email?token="));
  expect(first).toBeDefined();

  // Resend: a second mail arrives; its link replaces the first one.
  await notice.getByRole("button", { name: "E-Mail erneut senden" }).click();
  await expect(notice.getByRole("status")).toHaveText("Gesendet. Der neue Link ersetzt den vorherigen.");
  const resent = await waitForMail(
    (m) => m.to.includes(email) && m.links.some((l) => l.includes("/verify-email?token=") && l !== first),
  );
  expect(resent.subject).toBe("Bestätigen Sie Ihre E-Mail-Adresse");
  const confirm = resent.links.find((l) => l.includes("/verify-email?token="));
  expect((await caughtMails()).filter((m) => m.to.includes(email))).toHaveLength(2);

  // "Weiter" goes where the visitor was going; signed-in pages carry the banner with the same action.
  await notice.getByRole("link", { name: "Weiter" }).click();
  await expect(page).toHaveURL(/\/$/);
  const banner = page.getByRole("region", { name: "E-Mail-Bestätigung" });
  await expect(banner).toContainText(`Bitte bestätigen Sie Ihre E-Mail-Adresse ${email}`);
  await expect(banner.getByRole("button", { name: "E-Mail erneut senden" })).toBeVisible();

  await page.goto("/account");
  await expect(page.getByTestId("email-verification")).toHaveText("(noch nicht bestätigt)");
  // the avatar upload's refusal beside its field, in German (a text file named .png)
  const avatar = page.getByLabel("Profilbild oder Logo");
  await avatar.setInputFiles({ name: "bild.png", mimeType: "image/png", buffer: Buffer.from("kein Bild") });
  await expect(avatar).toHaveAttribute("aria-invalid", "true");
  await expect(page.locator("#avatar-file-error")).toHaveText("Lade das Bild als PNG, JPEG oder WebP hoch.");
  await expect(avatar).toHaveAttribute("aria-describedby", "avatar-file-error");

  await page.goto(new URL(first!).pathname + new URL(first!).search);
  await expect(page.getByRole("status")).toHaveText(
    "Dieser Bestätigungslink ist ungültig, wurde schon benutzt oder ist abgelaufen.",
  );
  await page.goto(new URL(confirm!).pathname + new URL(confirm!).search);
  await expect(page.getByRole("status")).toHaveText("Danke — Ihre E-Mail-Adresse ist bestätigt.");
  await page.goto("/account");
  await expect(page.getByTestId("email-verification")).toHaveText("(bestätigt)");
  await page.goto("/courses");
  await expect(page.getByTestId("verify-banner")).toHaveCount(0);

  // A second browser: forgot password, in English.
  const other = await browser.newContext();
  const guest = await other.newPage();
  await guest.goto("/signin");
  await guest.getByRole("link", { name: "Forgot your password?" }).click();
  await expect(guest.getByRole("heading", { level: 1 })).toHaveText("Reset your password");
  await guest.getByLabel("E-mail", { exact: true }).fill(email);
  await guest.getByRole("button", { name: "Send reset link" }).click();
  await expect(guest.getByRole("status")).toContainText("a link to reset its password is on its way");

  const reset = await waitForMail((m) => m.to.includes(email) && m.subject === "Reset your password");
  const link = new URL(reset.links.find((l) => l.includes("/reset-password?token="))!);
  await guest.goto(link.pathname + link.search);
  await guest.getByLabel("New password").fill("short");
  await guest.getByRole("button", { name: "Set new password" }).click();
  await expect(guest.getByText("Too short (at least 10 characters).")).toBeVisible();
  await guest.getByLabel("New password").fill("second password 456");
  await guest.getByRole("button", { name: "Set new password" }).click();
  await expect(guest.getByRole("status")).toContainText("Your password was changed.");

  // the link works once
  await guest.goto(link.pathname + link.search);
  await guest.getByLabel("New password").fill("third password 789");
  await guest.getByRole("button", { name: "Set new password" }).click();
  // (Next.js's route announcer is an alert too: pick ours by its text)
  await expect(guest.getByRole("alert").filter({ hasText: "This link is invalid or has expired." })).toBeVisible();

  // the first browser's session ended with the reset
  await page.goto("/account");
  await expect(page).toHaveURL(/\/signin/);

  await guest.goto("/signin");
  await guest.getByLabel("E-mail or username").fill(email);
  await guest.getByLabel("Password").fill("second password 456");
  await guest.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(guest.locator("header").getByTestId("user-menu-name")).toHaveText("Mila Mail");
  await other.close();
});
