/**
 * Schools end to end (issue 12 §2.3, §3): a school admin imports a signed course pack through the UI
 * (untrusted publisher → explicit confirmation; a tampered pack is rejected naming the file), creates a class
 * and two pupils without e-mail, prints their sign-in cards, assigns the course; a pupil signs in with username +
 * password, reads the lesson and passes the quiz; the teacher sees the progress and downloads it as CSV, resets
 * the pupil's password (the old one stops working), deactivates the pupil (signed out at once, sign-in refused with
 * a clear message) and reactivates her, moves a pupil to another class and removes one from the class (asked
 * first; progress kept). The admin creates a teacher account and deactivates it from the staff list on /school
 * (asked first; the teacher's sign-in is refused with the same message), then reactivates it. The provider exports
 * a pack from the studio.
 * In German, the school forms say what went wrong in German: field names, CSV lines, field codes and a rejected
 * pack's reason translated, never the server's English.
 *
 * Setup only through the stack's database: the signed-up admin gets the SCHOOL_ADMIN + TEACHER roles (the e2e
 * stack is not in offline mode, so /setup is not offered there).
 */
import { readFile } from "node:fs/promises";
import { expect, test, type Page } from "@playwright/test";
import { buildTestPack } from "./fixtures/pack";
import { seededCourse, sessionCookieFor, withStackDb } from "./fixtures/stack";

async function signIn(page: Page, login: string, password: string) {
  await page.goto(`/signin?username=${encodeURIComponent(login)}`);
  await expect(page.getByLabel("E-mail or username")).toHaveValue(login);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
}

test("school: pack import, class with pupils, username sign-in, progress CSV, password reset, pupil management", async ({
  page,
  browser,
  baseURL,
}) => {
  test.setTimeout(180_000);
  const sfx = Date.now().toString(36).slice(-6); // unique usernames per run
  const ada = `ada.${sfx}`;
  const alan = `alan.${sfx}`;
  const email = `school-admin-${Date.now()}@example.org`;
  await page.goto("/signup");
  await page.getByLabel("Display name").fill("Sam Schooladmin");
  await page.getByLabel("E-mail").fill(email);
  await page.getByLabel("Password").fill("correct horse battery");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.locator("header").getByTestId("user-menu-name")).toHaveText("Sam Schooladmin");
  await withStackDb((db) =>
    db.query(`UPDATE "User" SET roles = ARRAY['LEARNER','TEACHER','SCHOOL_ADMIN']::"Role"[] WHERE email = $1`, [email]),
  );

  // Course packs: a tampered pack is rejected, then the real one needs trust confirmation.
  const pack = await buildTestPack();
  const tampered = await buildTestPack({ tamper: true });
  await page.goto("/school");
  await page.getByRole("link", { name: "Course packs" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Course packs");
  await page
    .getByLabel("Course pack file")
    .setInputFiles({ name: "bad.coursepack.tar", mimeType: "application/x-tar", buffer: tampered.bytes });
  await page.getByRole("button", { name: "Import pack" }).click();
  await expect(page.getByTestId("pack-problem")).toContainText("Pack rejected — course.json: SHA-256 does not match");
  await page
    .getByLabel("Course pack file")
    .setInputFiles({ name: "maths.coursepack.tar", mimeType: "application/x-tar", buffer: pack.bytes });
  await page.getByRole("button", { name: "Import pack" }).click();
  await expect(page.getByTestId("pack-untrusted")).toContainText("Open Maths Press");
  await page.getByRole("button", { name: "Trust this publisher and import" }).click();
  await expect(page.getByTestId("pack-result")).toContainText(`Imported: ${pack.title}`);
  await expect(page.getByTestId("publishers")).toContainText("Open Maths Press");

  // A class with two pupils; the sign-in cards show each username and initial password once.
  await page.goto("/school");
  await page.getByLabel("Class name").fill(`5a ${sfx}`);
  await page.getByRole("button", { name: "Create class" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`5a ${sfx}`);
  const classUrl = page.url();
  await page.getByLabel("Pupils (one per line: name, username)").fill(`Ada Lovelace, ${ada}\nAlan Turing, ${alan}`);
  await page.getByRole("button", { name: "Create pupil accounts" }).click();
  const cards = page.getByTestId("sign-in-card");
  await expect(cards).toHaveCount(2);
  await expect(cards.first().getByRole("img")).toBeVisible(); // the QR code
  const adaPassword =
    (await page.locator(`[data-username="${ada}"] [data-testid="card-password"]`).textContent()) ?? "";
  expect(adaPassword).toMatch(/^[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}$/);
  await expect(page.getByTestId("class-pupils")).toContainText(alan);
  await page.getByLabel("Course", { exact: true }).selectOption({ label: pack.title });
  await page.getByRole("button", { name: "Assign to class" }).click();
  await expect(page.getByTestId("class-courses")).toContainText(pack.title);

  // The pupil signs in with username + password and completes the course.
  const pupilContext = await browser.newContext();
  const pupil = await pupilContext.newPage();
  await signIn(pupil, ada, adaPassword);
  await expect(pupil.locator("header").getByTestId("user-menu-name")).toHaveText("Ada Lovelace");
  await pupil.goto(`/learn/${pack.slug}`);
  await expect(pupil.getByRole("heading", { level: 1 })).toHaveText("What is a half?");
  await pupil.getByRole("button", { name: "Mark as done" }).click();
  await expect(pupil.getByRole("status").filter({ hasText: "Completed" })).toBeVisible();
  await pupil.getByRole("link", { name: "Next lesson" }).click();
  await expect(pupil.getByRole("heading", { level: 1 })).toHaveText("Check: halves");
  await pupil.getByRole("radio").nth(0).check();
  await pupil.getByRole("button", { name: "Submit answers" }).click();
  await expect(pupil.locator(".quiz-result")).toContainText("Passed");

  // The teacher sees the progress and downloads it as CSV.
  await page.reload();
  const progress = page.getByTestId("class-progress");
  await expect(progress.locator(`[data-username="${ada}"]`)).toContainText("2/2");
  await expect(progress.locator(`[data-username="${ada}"]`)).toContainText("100%");
  await expect(progress.locator(`[data-username="${alan}"]`)).toContainText("0/2");
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("link", { name: "Download CSV" }).click(),
  ]);
  const file = await readFile((await download.path()) ?? "", "utf8");
  expect(file.startsWith("\uFEFF")).toBe(true); // byte-order mark: Excel reads the file as UTF-8
  const csv = file.slice(1);
  expect(csv.split("\n")[0]).toBe(
    "class,pupil,username,course,section,lesson,kind,completed_at,quiz_best_percent,quiz_passed,quiz_attempts,course_completed_at",
  );
  expect(csv).toContain(`5a ${sfx},Ada Lovelace,${ada},`);
  expect(csv).toMatch(/Ada Lovelace,[^,]+,[^,]+,Basics,Check: halves,QUIZ,[^,]+,100,yes,1,/);

  // Password reset: a new card; the old password no longer works.
  await page.getByRole("button", { name: "Reset password: Ada Lovelace" }).click();
  const newPassword =
    (await page.locator(`[data-username="${ada}"] [data-testid="card-password"]`).last().textContent()) ?? "";
  expect(newPassword).not.toBe(adaPassword);
  const again = await browser.newContext();
  const retry = await again.newPage();
  await signIn(retry, ada, adaPassword);
  await expect(retry.locator("form").getByRole("alert")).toHaveText("E-mail/username or password is wrong.");
  await signIn(retry, ada, newPassword);
  await expect(retry.locator("header").getByTestId("user-menu-name")).toHaveText("Ada Lovelace");

  // Deactivate (asked first): her open session ends at once and sign-in says why; reactivating restores it.
  page.once("dialog", (d) => void d.accept());
  await page.getByRole("button", { name: "Deactivate account: Ada Lovelace" }).click();
  await expect(page.locator(`[data-testid="class-pupils"] tr[data-username="${ada}"]`)).toContainText("deactivated");
  await retry.reload();
  await expect(retry.locator("header").getByTestId("user-menu-name")).toHaveCount(0);
  await signIn(retry, ada, newPassword);
  await expect(retry.locator("form").getByRole("alert")).toHaveText(
    "This account has been deactivated. Ask your teacher or the school admin to reactivate it.",
  );
  await page.getByRole("button", { name: "Reactivate: Ada Lovelace" }).click();
  await expect(page.getByRole("button", { name: "Deactivate account: Ada Lovelace" })).toBeVisible();
  await signIn(retry, ada, newPassword);
  await expect(retry.locator("header").getByTestId("user-menu-name")).toHaveText("Ada Lovelace");
  await Promise.all([pupilContext.close(), again.close()]);

  // Move Alan to a second class; remove Ada from 5a (asked first) — her progress stays in the database.
  await page.goto("/school");
  await page.getByLabel("Class name").fill(`5b ${sfx}`);
  await page.getByRole("button", { name: "Create class" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`5b ${sfx}`);
  const class5bUrl = page.url();
  await page.goto(classUrl);
  await page.getByLabel(`Move to class…: Alan Turing`).selectOption({ label: `5b ${sfx}` });
  await page.getByRole("button", { name: "Move: Alan Turing" }).click();
  await expect(page.getByTestId("class-pupils")).not.toContainText(alan);
  page.once("dialog", (d) => void d.accept());
  await page.getByRole("button", { name: "Remove from class: Ada Lovelace" }).click();
  await expect(page.getByText("No pupils yet.")).toBeVisible();
  await page.goto(class5bUrl);
  await expect(page.getByTestId("class-pupils")).toContainText(alan);
  const kept = await withStackDb((db) =>
    db.query(
      `SELECT count(*)::int AS n FROM "LessonProgress" p JOIN "User" u ON u.id = p."userId" WHERE u.username = $1`,
      [ada],
    ),
  );
  expect(kept.rows[0]?.n).toBeGreaterThan(0);

  // Staff: the admin creates a teacher and deactivates the account from the staff list (asked first): the
  // teacher's username sign-in is refused with the deactivated message; reactivating restores it.
  const tess = `tess.${sfx}`;
  await page.goto("/school");
  const teacherForm = page.getByTestId("create-teacher-form");
  await teacherForm.getByLabel("Display name").fill("Tess Teacher");
  await teacherForm.getByLabel("Username").fill(tess);
  await teacherForm.getByLabel("Password").fill("tess-password-1");
  await teacherForm.getByRole("button", { name: "Create teacher account" }).click();
  const staffRow = page.locator(`[data-testid="school-staff"] tr[data-username="${tess}"]`);
  await expect(staffRow.getByTestId("staff-status")).toHaveText("Active");
  let asked = "";
  page.once("dialog", (d) => {
    asked = d.message();
    void d.accept();
  });
  await staffRow.getByRole("button", { name: "Deactivate account: Tess Teacher" }).click();
  await expect(staffRow.getByTestId("staff-status")).toHaveText("Deactivated");
  expect(asked).toContain("Deactivate Tess Teacher’s account?");
  const staffContext = await browser.newContext();
  const tessPage = await staffContext.newPage();
  await signIn(tessPage, tess, "tess-password-1");
  await expect(tessPage.locator("form").getByRole("alert")).toHaveText(
    "This account has been deactivated. Ask your teacher or the school admin to reactivate it.",
  );
  await staffRow.getByRole("button", { name: "Reactivate: Tess Teacher" }).click();
  await expect(staffRow.getByTestId("staff-status")).toHaveText("Active");
  await signIn(tessPage, tess, "tess-password-1");
  await expect(tessPage.locator("header").getByTestId("user-menu-name")).toHaveText("Tess Teacher");
  await staffContext.close();

  // The provider of a published course exports its pack from the studio.
  const { courseId, providerId, providerEmail } = await seededCourse("git-novice");
  const provider = await browser.newContext();
  await provider.addCookies([
    await sessionCookieFor(baseURL!, { id: providerId, email: providerEmail, name: "Provider" }),
  ]);
  const studio = await provider.newPage();
  await studio.goto(`/studio/courses/${courseId}#publishing`);
  await expect(studio.getByRole("tab", { name: "Publishing" })).toHaveAttribute("aria-selected", "true");
  // the seeded demo provider's reserved example.org address counts as confirmed: no banner that cannot be acted on
  await expect(studio.getByTestId("verify-banner")).toHaveCount(0);
  const [exported] = await Promise.all([
    studio.waitForEvent("download"),
    studio.getByRole("link", { name: "Export course pack" }).click(),
  ]);
  expect(exported.suggestedFilename()).toBe("git-novice.coursepack.tar");
  const bytes = await readFile((await exported.path()) ?? "");
  expect(bytes.includes(Buffer.from("manifest.sig"))).toBe(true);
  await provider.close();
});

test("school forms in German: a taken class name, bad pupil lines and a tampered pack are said in German", async ({
  page,
  baseURL,
}) => {
  const sfx = Date.now().toString(36).slice(-6);
  const email = `school-de-${Date.now()}@example.org`;
  await page.goto("/signup");
  await page.getByLabel("Display name").fill("Sina Schulleitung");
  await page.getByLabel("E-mail").fill(email);
  await page.getByLabel("Password").fill("correct horse battery");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.locator("header").getByTestId("user-menu-name")).toHaveText("Sina Schulleitung");
  await withStackDb((db) =>
    db.query(`UPDATE "User" SET roles = ARRAY['LEARNER','TEACHER','SCHOOL_ADMIN']::"Role"[] WHERE email = $1`, [email]),
  );
  await page.context().addCookies([{ name: "NEXT_LOCALE", value: "de", url: baseURL! }]);

  await page.goto("/school");
  await page.getByLabel("Name der Klasse").fill(`7b ${sfx}`);
  await page.getByRole("button", { name: "Klasse anlegen" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`7b ${sfx}`);
  const classUrl = page.url();

  await page.goto("/school");
  await page.getByLabel("Name der Klasse").fill(`7b ${sfx}`);
  await page.getByRole("button", { name: "Klasse anlegen" }).click();
  await expect(page.getByTestId("create-class-form").getByRole("alert")).toHaveText("Schon vergeben: Name der Klasse");

  await page.goto(classUrl);
  await page.getByLabel("Schüler (eine Zeile pro Person: Name, Benutzername)").fill(`Mia, M i a\n, leo.${sfx}`);
  await page.getByRole("button", { name: "Schülerkonten anlegen" }).click();
  await expect(page.getByTestId("add-pupils-form").getByRole("alert")).toHaveText(
    "Bitte prüfen: Zeile 1: Verwende 3–40 Kleinbuchstaben, Ziffern, Punkte, Bindestriche oder Unterstriche. " +
      "Zeile 2: Pflichtfeld.",
  );

  // a tampered course pack is refused naming the file, with the reason in German
  const tampered = await buildTestPack({ tamper: true });
  await page.goto("/school/packs");
  await page
    .getByLabel("Kurspaket-Datei")
    .setInputFiles({ name: "bad.coursepack.tar", mimeType: "application/x-tar", buffer: tampered.bytes });
  await page.getByRole("button", { name: "Paket importieren" }).click();
  await expect(page.getByTestId("pack-problem")).toHaveText(
    "Paket abgelehnt — course.json: SHA-256 stimmt nicht mit manifest.json überein (verändert)",
  );
});
