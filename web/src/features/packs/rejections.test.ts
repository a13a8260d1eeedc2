/**
 * Pack rejections say their reason in every UI language: each code of PACK_REJECTIONS has a message under
 * `school.packs.reasons` in all five catalogs, the English one is the API's own sentence, and a rejection carries
 * the code, the file and the detail apart (the UI translates the first and shows the others as they are).
 */
import { describe, expect, it } from "vitest";
import { LOCALES } from "@/i18n/config.ts";
import { MESSAGES } from "@/i18n/messages.ts";
import { PACK_REJECTIONS, rejectPack, type PackRejection } from "./rejections.ts";

const reasons = (locale: string) =>
  (MESSAGES as Record<string, { school: { packs: { reasons: Record<string, string> } } }>)[locale]!.school.packs
    .reasons;

describe("course pack rejection reasons", () => {
  it("have a message for every code in every UI language, the English one equal to the API's sentence", () => {
    for (const locale of LOCALES) {
      const r = reasons(locale);
      for (const code of Object.keys(PACK_REJECTIONS)) expect(r[code], `${locale}: ${code}`).toBeTruthy();
      expect(r.generic, `${locale}: generic`).toBeTruthy();
    }
    for (const [code, sentence] of Object.entries(PACK_REJECTIONS)) expect(reasons("en")[code]).toBe(sentence);
    // German is really German (not a copy of the English)
    for (const code of Object.keys(PACK_REJECTIONS))
      expect(reasons("de")[code]).not.toBe(PACK_REJECTIONS[code as PackRejection]);
  });

  it("carry the file, the code and the untranslated detail apart, and one English sentence for the API", () => {
    const err = rejectPack("media/abc", "size_mismatch", "10 bytes, manifest: 12");
    expect(err.code).toBe("unprocessable");
    expect(err.fields).toEqual({
      file: "media/abc",
      code: "size_mismatch",
      reason: "size does not match manifest.json (10 bytes, manifest: 12)",
      detail: "10 bytes, manifest: 12",
    });
    expect(err.message).toBe(
      "Course pack rejected — media/abc: size does not match manifest.json (10 bytes, manifest: 12)",
    );
    expect(rejectPack("course.json", "sha256_mismatch").fields).toEqual({
      file: "course.json",
      code: "sha256_mismatch",
      reason: "SHA-256 does not match manifest.json (tampered)",
    });
  });
});
