import { describe, expect, it } from "vitest";
import { LOCALES, negotiateLocale } from "./config";
import { icuArguments } from "./icu-arguments";
import { MESSAGES } from "./messages";

function leaves(obj: unknown, prefix = ""): Array<[string, unknown]> {
  if (typeof obj !== "object" || obj === null) return [[prefix, obj]];
  return Object.entries(obj).flatMap(([k, v]) => leaves(v, prefix ? `${prefix}.${k}` : k));
}

describe("i18n", () => {
  it("negotiates the locale from Accept-Language quality values", () => {
    expect(negotiateLocale("de-DE,de;q=0.9,en;q=0.8")).toBe("de");
    expect(negotiateLocale("fr-FR,fr;q=0.9,de;q=0.5,en;q=0.7")).toBe("fr");
    expect(negotiateLocale("tr")).toBe("tr");
    expect(negotiateLocale("es-MX,en;q=0.5")).toBe("es");
    expect(negotiateLocale("it-IT,it;q=0.9,de;q=0.5,en;q=0.7")).toBe("en");
    expect(negotiateLocale("ja")).toBe("en");
    expect(negotiateLocale(undefined)).toBe("en");
  });

  it("reads ICU arguments, nested and quoted", () => {
    expect(icuArguments("{count, plural, one {# x {name}} other {# y}}").map((a) => a.name)).toEqual(["count", "name"]);
    expect(icuArguments("it'{s}' {a}")).toEqual([{ name: "a", type: "plain" }]);
    expect(icuArguments("l’{a} d'{b}'")).toEqual([{ name: "a", type: "plain" }]);
    expect(icuArguments("{s, select, a {A} other {B}}")).toEqual([
      { name: "s", type: "select", selectKeys: ["a", "other"] },
    ]);
    expect(() => icuArguments("{a")).toThrow();
    expect(() => icuArguments("a}")).toThrow();
  });

  const english = new Map(leaves(MESSAGES.en));
  for (const locale of LOCALES.filter((l) => l !== "en")) {
    it(`${locale}: has exactly the English keys`, () => {
      expect(
        leaves(MESSAGES[locale])
          .map(([k]) => k)
          .sort(),
      ).toEqual([...english.keys()].sort());
    });

    it(`${locale}: every message is a non-empty string with the English message's ICU arguments`, () => {
      const mismatches: string[] = [];
      for (const [key, value] of leaves(MESSAGES[locale])) {
        const source = english.get(key);
        if (typeof source !== "string") continue;
        if (typeof value !== "string" || value.trim() === "") {
          mismatches.push(`${key}: empty or not a string`);
          continue;
        }
        const want = JSON.stringify(icuArguments(source));
        let got: string;
        try {
          got = JSON.stringify(icuArguments(value));
        } catch (err) {
          got = String(err);
        }
        if (got !== want) mismatches.push(`${key}: ${got} ≠ en ${want}`);
        if (/plural/.test(value) && !icuArguments(value).every((a) => a.hasOther !== false))
          mismatches.push(`${key}: plural without 'other'`);
      }
      expect(mismatches).toEqual([]);
    });
  }
});
