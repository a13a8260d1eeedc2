/**
 * Studio forms (issue 14 item 8) in the German UI: the editor is split into tabs, a save button is busy while
 * its request runs and says "Gespeichert." afterwards, server field errors appear beside the field in German,
 * and saving a flashcard deck again keeps the ids of unchanged cards (learners' reviews stay attached). The second
 * test checks every other studio form a provider meets first (curriculum add-section/add-lesson, publishing, access
 * codes, the storefront with its custom domain) at phone width: each server error is tied to its field (`aria-describedby`) and
 * German, nothing is English.
 */
import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures/csp";
import { signUpAsProvider } from "./fixtures/provider";
import { withStackDb } from "./fixtures/stack";

const PAYOUT = "0x90F79bf6EB2c4f870365E785982E1f101E93b906";

test("German studio: tabs, busy and saved states, translated field errors, flashcard ids kept", async ({
  page,
  baseURL,
}) => {
  test.setTimeout(120_000);
  const unique = `Forms${Date.now().toString(36)}`;
  await signUpAsProvider(page, "Fiona Forms", `${unique.toLowerCase()}@example.org`, PAYOUT);

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
  await expectBusyThen(page, "**/api/studio/lessons/*/flashcards", "Karten speichern", "Gespeichert.");

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

/**
 * Presses `button` while the requests to `url` are held back: the button is disabled, busy and says
 * "Wird gespeichert…"; once released, the form's status line says `done`.
 */
async function expectBusyThen(page: Page, url: string, button: string, done: string) {
  let release: () => void = () => undefined;
  const held = new Promise<void>((r) => (release = r));
  await page.route(url, async (route) => {
    await held;
    await route.continue();
  });
  await page.getByRole("button", { name: button }).click();
  const busy = page.getByRole("button", { name: "Wird gespeichert…" });
  await expect(busy).toBeDisabled();
  await expect(busy).toHaveAttribute("aria-busy", "true");
  release();
  await expect(page.getByRole("status").filter({ hasText: done })).toBeVisible();
  await page.unroute(url);
}

/** The error tied to `field` by aria-describedby (the text beside it), asserted to be exactly `text`. */
async function expectErrorBeside(page: Page, field: ReturnType<Page["getByLabel"]>, text: string) {
  await expect(field).toHaveAttribute("aria-invalid", "true");
  const id = await field.getAttribute("aria-describedby");
  expect(id, "the field names its error").toBeTruthy();
  await expect(page.locator(`[id="${id}"]`)).toHaveText(text);
  // beside it: in the same field box
  await expect(field.locator("xpath=..").locator(`[id="${id}"]`)).toHaveCount(1);
}

test("German studio at 390 px: curriculum, publishing and storefront errors beside their fields, in German", async ({
  page,
  baseURL,
}) => {
  test.setTimeout(120_000);
  const unique = `Felder${Date.now().toString(36)}`;
  await signUpAsProvider(page, "Greta Felder", `${unique.toLowerCase()}@example.org`, PAYOUT);
  await page.context().addCookies([{ name: "NEXT_LOCALE", value: "de", url: baseURL! }]);
  await page.setViewportSize({ width: 390, height: 844 });

  await page.goto("/studio/new");
  await page.getByLabel("Titel", { exact: true }).fill(`${unique} Kurs`);
  await page.getByLabel("Kategorie", { exact: true }).fill("sprachen");
  await page.getByRole("button", { name: "Kurs anlegen" }).click();
  await expect(page).toHaveURL(/\/studio\/courses\/c[0-9a-f]{24}$/);

  // Publishing without lessons or prices: the rules, in German (no field names, no English).
  await page.getByRole("tab", { name: "Veröffentlichung" }).click();
  await page.getByRole("button", { name: "Veröffentlichen", exact: true }).click();
  const problems = page.getByRole("alert").filter({ hasText: "Der Kurs kann noch nicht veröffentlicht werden:" });
  await expect(problems.locator("li[data-field=lessons]")).toHaveText("Fügen Sie mindestens eine Lektion hinzu.");
  await expect(problems.locator("li[data-field=prices]")).toHaveText(
    "Legen Sie einen Preis fest oder markieren Sie den Kurs als kostenlos.",
  );

  // Curriculum: an empty section title is refused beside the field; the form is busy while it saves.
  await page.getByRole("tab", { name: "Lehrplan" }).click();
  const sectionTitle = page.getByLabel("Titel des Abschnitts");
  await page.getByRole("button", { name: "Abschnitt hinzufügen" }).click();
  await expectErrorBeside(page, sectionTitle, "Pflichtfeld.");
  await expect(
    page.getByRole("status").filter({ hasText: "Bitte korrigieren Sie die markierten Felder." }),
  ).toHaveCount(1);
  await sectionTitle.fill("x".repeat(201));
  await page.getByRole("button", { name: "Abschnitt hinzufügen" }).click();
  await expectErrorBeside(page, sectionTitle, "Zu lang.");
  await sectionTitle.fill("Grundlagen");
  await expectBusyThen(page, "**/api/studio/courses/*/sections", "Abschnitt hinzufügen", "Abschnitt hinzugefügt.");
  await expect(page.getByTestId("studio-section")).toContainText("Grundlagen");
  await expect(sectionTitle).not.toHaveAttribute("aria-invalid", "true");

  // Add lesson: the title error beside the lesson's title field, in German.
  const lessonTitle = page.getByLabel("Titel der Lektion", { exact: true });
  await page.getByRole("button", { name: "Lektion hinzufügen" }).click();
  await expectErrorBeside(page, lessonTitle, "Pflichtfeld.");
  await lessonTitle.fill("Erste Schritte");
  await page.getByRole("button", { name: "Lektion hinzufügen" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Lektion hinzugefügt." })).toBeVisible();
  await expect(page.getByTestId("studio-lesson")).toContainText("Erste Schritte");
  expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);

  // Access codes: a count out of range and a past expiry are refused beside their fields, in German.
  await page.goto(`${new URL(page.url()).pathname}/codes`);
  const count = page.getByLabel("Anzahl der Codes (1–1000)");
  await count.fill("0");
  await page.getByLabel("Gültig bis (optional)").fill("2020-01-01");
  await page.getByRole("button", { name: "Codes erstellen" }).click();
  await expectErrorBeside(page, count, "Eine ganze Zahl von 1 bis 1.000.");
  await expectErrorBeside(page, page.getByLabel("Gültig bis (optional)"), "Wählen Sie ein Datum in der Zukunft.");
  await count.fill("2");
  await page.getByLabel("Gültig bis (optional)").fill("");
  await page.getByRole("button", { name: "Codes erstellen" }).click();
  await expect(page.getByText("2 Codes erstellt. Jetzt sichern:")).toBeVisible();
  await expect(count).not.toHaveAttribute("aria-invalid", "true");

  // Storefront and custom domain: codes translated beside their fields; then saved.
  await page.goto("/studio/storefront");
  const slug = page.getByLabel("Adresse");
  const domain = page.getByLabel("Eigene Domain (optional)");
  // Colours: swatch and hex value; a typed value that is no colour is refused beside the field; an accent on which
  // white text misses WCAG AA is warned about with its contrast.
  const primary = page.getByLabel("Hauptfarbe", { exact: true });
  const accent = page.getByLabel("Akzentfarbe", { exact: true });
  await expect(primary).toHaveValue("#1f4fbf");
  await expect(page.getByLabel("Hauptfarbe: Farbwähler")).toHaveValue("#1f4fbf");
  await expect(page.getByTestId("storefront-primary-swatch")).toBeVisible();
  await accent.fill("#12");
  await accent.press("Tab");
  await expectErrorBeside(page, accent, "Eine Farbe wie #1f4fbf angeben.");
  await accent.fill("#fc0");
  await expect(page.getByLabel("Akzentfarbe: Farbwähler")).toHaveValue("#ffcc00");
  await expect(accent).not.toHaveAttribute("aria-invalid", "true");
  const warning = page.getByTestId("storefront-accent-contrast");
  await expect(warning).toContainText("Kontrast von 1,5:1");
  await expect(warning).toContainText("mindestens 4,5:1");
  await expect(accent).toHaveAttribute("aria-describedby", (await warning.getAttribute("id"))!);
  await slug.fill("A");
  await accent.fill("#AA5500");
  await expect(warning).toHaveCount(0);
  await expect(page.getByText("Weiße Schrift auf dieser Farbe: Kontrast 5,2:1 (WCAG AA erfüllt).")).toBeVisible();
  await domain.fill("https://bad domain");
  await page.getByRole("button", { name: "Schaufenster speichern" }).click();
  await expectErrorBeside(page, slug, "3–40 Kleinbuchstaben, Ziffern und Bindestriche.");
  await expect(page.getByRole("status")).toHaveText("Bitte korrigieren Sie die markierten Felder.");
  await slug.fill(unique.toLowerCase());
  await page.getByRole("button", { name: "Schaufenster speichern" }).click();
  await expectErrorBeside(
    page,
    domain,
    "Einen Hostnamen wie academy.example.org angeben (ohne https://, Port oder IP-Adresse).",
  );
  await page.getByLabel("Links").fill("Website | ftp://example.org");
  await domain.fill("");
  await page.getByRole("button", { name: "Schaufenster speichern" }).click();
  await expectErrorBeside(
    page,
    page.getByLabel("Links"),
    "Pro Zeile: Bezeichnung, |, vollständige http(s)-Adresse (höchstens 6 Links).",
  );
  await page.getByLabel("Links").fill("Website | https://example.org");
  await page.getByRole("button", { name: "Schaufenster speichern" }).click();
  await expect(page.getByRole("status")).toHaveText("Gespeichert.");
  expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
  // no English anywhere in the form
  await expect(page.locator("main form")).not.toContainText(/Invalid|Required|must be|Could not/);
  // the colour typed as #AA5500 was stored as #aa5500
  await page.reload();
  await expect(page.getByLabel("Akzentfarbe", { exact: true })).toHaveValue("#aa5500");
});
