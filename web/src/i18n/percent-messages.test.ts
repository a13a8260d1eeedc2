/**
 * Percentages in the UI (issue 14: "0 % complete" in English): every message shows a percentage through ICU's
 * `{ratio, number, percent}` — Intl's percent style in the UI's language ("0% complete", "0 % abgeschlossen",
 * "%0 tamamlandı") — never a hand-placed "%" beside a number argument.
 */
import { createTranslator } from "next-intl";
import { describe, expect, it } from "vitest";
import { LOCALES } from "./config";
import { MESSAGES } from "./messages";

function leaves(obj: unknown, prefix = ""): Array<[string, string]> {
  if (typeof obj === "string") return [[prefix, obj]];
  if (typeof obj !== "object" || obj === null) return [];
  return Object.entries(obj).flatMap(([k, v]) => leaves(v, prefix ? `${prefix}.${k}` : k));
}

describe("percentages in the message catalogues", () => {
  it.each(LOCALES)("%s: no '%' written beside an argument", (locale) => {
    const handPlaced = leaves(MESSAGES[locale]).filter(([, m]) => /\}\s?%|%\s?\{/.test(m));
    expect(handPlaced).toEqual([]);
  });

  /** A translator of full keys ("catalog.buy.progress"), untyped: the keys are data here. */
  const translator = (locale: (typeof LOCALES)[number]) =>
    createTranslator({ locale, messages: MESSAGES[locale] }) as unknown as (
      key: string,
      values: Record<string, string | number>,
    ) => string;

  const cases: [string, Record<string, number>][] = [
    ["catalog.buy.progress", { ratio: 0 }],
    ["learning.dashboard.progress", { ratio: 0.33 }],
    ["learning.player.courseProgress", { done: 1, total: 3, ratio: 0.33 }],
    ["learning.quiz.score", { ratio: 1 }],
    ["school.class.quizScore", { ratio: 0.5 }],
    ["studio.upload.uploading", { ratio: 0.07 }],
  ];

  it("English: no space before %", () => {
    const t = translator("en");
    expect(t("catalog.buy.progress", { ratio: 0 })).toBe("0% complete");
    expect(t("learning.player.courseProgress", { done: 1, total: 3, ratio: 1 / 3 })).toBe(
      "1 of 3 lessons completed (33%)",
    );
    expect(t("learning.quiz.lastAttempt", { ratio: 0.5, result: "Failed" })).toBe("Last attempt: 50% (Failed)");
  });

  it.each(LOCALES)("%s: percentages use the locale's percent format", (locale) => {
    const t = translator(locale);
    for (const [key, values] of cases) {
      const expected = new Intl.NumberFormat(locale, { style: "percent" }).format(values.ratio!);
      expect(t(key, values), key).toContain(expected);
    }
  });

  it("German, French and Turkish place the sign their way", () => {
    const progress = (locale: "de" | "fr" | "tr") => translator(locale)("learning.dashboard.progress", { ratio: 0.5 });
    expect(progress("de")).toBe("50\u00a0% abgeschlossen");
    expect(progress("fr")).toMatch(/^50[\u00a0\u202f]% terminé$/); // ICU data: narrow or plain no-break space
    expect(progress("tr")).toBe("%50 tamamlandı");
  });
});
