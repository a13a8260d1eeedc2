/**
 * Percentages in the UI (issue 14: "0 % complete" in English): every message shows a percentage through ICU's
 * number skeleton `{ratio, number, ::percent}` — Intl's percent style in the UI's language ("0% complete",
 * "0 % abgeschlossen", "%0 tamamlandı") — never a hand-placed "%" beside a number argument. Checked with both
 * formatters: next-intl's ICU parser (tests, `next dev`) and the build's precompiled messages (icu-minify, which
 * knows no named "percent" style without global formats — `{x, number, percent}` printed a bare "0.5" there).
 */
import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";
import { createTranslator } from "next-intl";
import { describe, expect, it } from "vitest";
import { LOCALES } from "./config";
import { MESSAGES } from "./messages";

function leaves(obj: unknown, prefix = ""): Array<[string, string]> {
  if (typeof obj === "string") return [[prefix, obj]];
  if (typeof obj !== "object" || obj === null) return [];
  return Object.entries(obj).flatMap(([k, v]) => leaves(v, prefix ? `${prefix}.${k}` : k));
}

/** icu-minify as next-intl's build uses it (a dependency of next-intl, resolved from there). */
async function precompiled(): Promise<(message: string, locale: string, values: Record<string, number>) => string> {
  const fromNextIntl = createRequire(createRequire(import.meta.url).resolve("next-intl/plugin"));
  const load = async (entry: string) =>
    ((await import(pathToFileURL(fromNextIntl.resolve(entry)).href)) as { default: unknown }).default;
  const compile = (await load("icu-minify/compile")) as (message: string) => unknown;
  const format = (await load("icu-minify/format")) as (
    compiled: unknown,
    locale: string,
    values: Record<string, number>,
    options: unknown,
  ) => unknown;
  const formatters = {
    getNumberFormat: (l: string, o?: Intl.NumberFormatOptions) => new Intl.NumberFormat(l, o),
    getPluralRules: (l: string, o?: Intl.PluralRulesOptions) => new Intl.PluralRules(l, o),
    getDateTimeFormat: (l: string, o?: Intl.DateTimeFormatOptions) => new Intl.DateTimeFormat(l, o),
  };
  return (message, locale, values) => String(format(compile(message), locale, values, { formatters, timeZone: "UTC" }));
}

const get = (messages: unknown, key: string) =>
  key.split(".").reduce<unknown>((o, k) => (o as Record<string, unknown>)[k], messages) as string;

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

  it.each(LOCALES)("%s: the build's precompiled messages format them the same way", async (locale) => {
    const format = await precompiled();
    for (const [key, values] of cases) {
      const expected = new Intl.NumberFormat(locale, { style: "percent" }).format(values.ratio!);
      expect(format(get(MESSAGES[locale], key), locale, values), key).toContain(expected);
    }
    expect(format(get(MESSAGES.en, "catalog.buy.progress"), "en", { ratio: 0 })).toBe("0% complete");
  });

  it("German, French and Turkish place the sign their way", () => {
    const progress = (locale: "de" | "fr" | "tr") => translator(locale)("learning.dashboard.progress", { ratio: 0.5 });
    expect(progress("de")).toBe("50\u00a0% abgeschlossen");
    expect(progress("fr")).toMatch(/^50[\u00a0\u202f]% terminé$/); // ICU data: narrow or plain no-break space
    expect(progress("tr")).toBe("%50 tamamlandı");
  });
});
