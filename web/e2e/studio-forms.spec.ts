/**
 * Studio forms (issue 14 item 8) in the German UI: the editor is split into tabs, a save button is busy while
 * its request runs and says "Gespeichert." afterwards, server field errors appear beside the field in German,
 * and saving a flashcard deck again keeps the ids of unchanged cards (learners' reviews stay attached).
 */
import { expect, test } from "./fixtures/csp";
import { withStackDb } from "./fixtures/stack";

const PAYOUT = "0x90F79bf6EB2c4f870365E785982E1f101E93b906";

test("German studio: tabs, busy and saved states, translated field errors, flashcard ids kept", async ({
  page,
  baseURL,
}) => {
  test.setTimeout(120_000);
  const unique = `Forms${Date.now().toString(36)}`;
  await page.goto("/signup");
  await page.getByLabel("Display name").fill("Fiona Forms");
  await page.getByLabel("E-mail").fill(`${unique.toLowerCase()}@example.org`);
  await page.getByLabel("Password").fill("correct horse battery");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.locator("header").getByTestId("user-menu-name")).toHaveText("Fiona Forms");
  await page.goto("/account");
  await page.getByLabel("Payout address (Polygon)").fill(PAYOUT);
  const became = page.waitForResponse((r) => r.url().endsWith("/api/auth/provider") && r.request().method() === "POST");
  await page.getByRole("button", { name: "Become a provider" }).click();
  expect((await became).status()).toBe(200);

  await page.context().addCookies([{ name: "NEXT_LOCALE", value: "de", url: baseURL! }]);
  await page.goto("/studio/new");
  // A server field error, in German, beside its field.
  await page.getByLabel("Titel", { exact: true }).fill("ab");
  await page.getByLabel("Kategorie", { exact: true }).fill("Nicht OK");
  await page.getByRole("button", { name: "Kurs anlegen" }).click();
  await expect(page.locator("#f-title-e")).toHaveText("Verwenden Sie 3 bis 120 Zeichen.");
  await expect(page.locator("#f-category-e")).toHaveText("Kleinbuchstaben, Ziffern und Bindestriche (bis 40 Zeichen).");
  await expect(page.getByRole("status")).toHaveText("Bitte korrigieren Sie die markierten Felder.");
  await page.getByLabel("Titel", { exact: true }).fill(`${unique} Karteikarten`);
  await page.getByLabel("Kategorie", { exact: true }).fill("sprachen");
  await page.getByRole("button", { name: "Kurs anlegen" }).click();
  await expect(page).toHaveURL(/\/studio\/courses\/c[0-9a-f]{24}$/);
  const courseId = new URL(page.url()).pathname.split("/").pop()!;

  // Tabs: details first; the curriculum tab holds the sections.
  await expect(page.getByRole("tab", { name: "Details" })).toHaveAttribute("aria-selected", "true");
  await expect(page.getByLabel("Titel des Abschnitts")).toBeHidden();
  await page.getByRole("tab", { name: "Lehrplan" }).click();
  await page.getByLabel("Titel des Abschnitts").fill("Wörter");
  await page.getByRole("button", { name: "Abschnitt hinzufügen" }).click();
  await expect(page.getByTestId("studio-section")).toContainText("Wörter");
  await page.getByLabel("Titel der Lektion", { exact: true }).fill("Tiere");
  await page.getByLabel("Art", { exact: true }).selectOption("FLASHCARDS");
  await page.getByRole("button", { name: "Lektion hinzufügen" }).click();
  await page.getByRole("button", { name: "Bearbeiten: Tiere" }).click();
  await page.getByLabel("Vorderseite 1").fill("der Hund");
  await page.getByLabel("Rückseite 1").fill("the dog");
  await page.getByRole("button", { name: "Karte hinzufügen" }).click();
  await page.getByLabel("Vorderseite 2").fill("die Katze");
  await page.getByLabel("Rückseite 2").fill("the cat");

  // Busy while the request runs (held back for a moment), then saved.
  let release: () => void = () => undefined;
  const held = new Promise<void>((r) => (release = r));
  await page.route("**/api/studio/lessons/*/flashcards", async (route) => {
    await held;
    await route.continue();
  });
  await page.getByRole("button", { name: "Karten speichern" }).click();
  const busy = page.getByRole("button", { name: "Wird gespeichert…" });
  await expect(busy).toBeDisabled();
  await expect(busy).toHaveAttribute("aria-busy", "true");
  release();
  await expect(page.getByRole("status").filter({ hasText: "Gespeichert." })).toBeVisible();
  await page.unroute("**/api/studio/lessons/*/flashcards");

  const ids = () =>
    withStackDb(
      async (c) =>
        (
          await c.query<{ id: string; front: string }>(
            `SELECT f.id, f.front FROM "Flashcard" f JOIN "Lesson" l ON l.id = f."lessonId"
           JOIN "Section" s ON s.id = l."sectionId" WHERE s."courseId" = $1 ORDER BY f.position`,
            [courseId],
          )
        ).rows,
    );
  const first = await ids();
  expect(first.map((r) => r.front)).toEqual(["der Hund", "die Katze"]);

  // Edit one card and add one: the unchanged card keeps its id.
  await page.reload();
  await page.getByRole("tab", { name: "Lehrplan" }).click();
  await page.getByRole("button", { name: "Bearbeiten: Tiere" }).click();
  await page.getByLabel("Rückseite 2").fill("the cat (f.)");
  await page.getByRole("button", { name: "Karte hinzufügen" }).click();
  await page.getByLabel("Vorderseite 3").fill("das Pferd");
  await page.getByLabel("Rückseite 3").fill("the horse");
  await page.getByRole("button", { name: "Karten speichern" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Gespeichert." })).toBeVisible();
  const second = await ids();
  expect(second.map((r) => r.front)).toEqual(["der Hund", "die Katze", "das Pferd"]);
  expect(second[0]!.id).toBe(first[0]!.id);
  expect(second[1]!.id).toBe(first[1]!.id);
});
