import { describe, expect, it } from "vitest";
import { LOCALES } from "@/i18n/config.ts";
import { LANGUAGES, courseInputSchema } from "@/features/studio/schemas.ts";
import { CONTENT_LANGUAGES as TRANSLATABLE } from "@/features/translations/schemas.ts";
import { CONTENT_LANGUAGES } from "./languages.ts";

describe("content languages", () => {
  it("include every UI language and are the same list for courses and translations", () => {
    for (const l of LOCALES) expect(CONTENT_LANGUAGES).toContain(l);
    expect(LANGUAGES).toBe(CONTENT_LANGUAGES);
    expect(TRANSLATABLE).toBe(CONTENT_LANGUAGES);
  });

  it("accept a Turkish, French or Spanish course", () => {
    for (const language of ["tr", "fr", "es"]) {
      const parsed = courseInputSchema.safeParse({ title: "Kurs", language, level: "BEGINNER", category: "software" });
      expect(parsed.success, language).toBe(true);
    }
    expect(
      courseInputSchema.safeParse({ title: "Kurs", language: "xx", level: "BEGINNER", category: "x" }).success,
    ).toBe(false);
  });
});
