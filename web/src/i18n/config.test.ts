import { describe, expect, it } from "vitest";
import { negotiateLocale } from "./config";
import { MESSAGES } from "./messages";

function keys(obj: unknown, prefix = ""): string[] {
  if (typeof obj !== "object" || obj === null) return [prefix];
  return Object.entries(obj).flatMap(([k, v]) => keys(v, prefix ? `${prefix}.${k}` : k));
}

describe("i18n", () => {
  it("negotiates the locale from Accept-Language quality values", () => {
    expect(negotiateLocale("de-DE,de;q=0.9,en;q=0.8")).toBe("de");
    expect(negotiateLocale("fr-FR,fr;q=0.9,de;q=0.5,en;q=0.7")).toBe("en");
    expect(negotiateLocale("fr")).toBe("en");
    expect(negotiateLocale(undefined)).toBe("en");
  });

  it("has every English message translated to German and nothing extra", () => {
    expect(keys(MESSAGES.de).sort()).toEqual(keys(MESSAGES.en).sort());
  });
});
