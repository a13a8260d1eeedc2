/** zod schemas of lesson translations and the learner's content language (parsed at the API boundary). */
import { z } from "zod";
import { id } from "@/features/studio/schemas.ts";
import { CONTENT_LANGUAGES, type ContentLanguage } from "@/lib/languages.ts";

/**
 * Languages course content can be translated into: the one list of content languages (lib/languages.ts), the same
 * as a course's own language. A translation's language is stored as this lower-case primary subtag.
 */
export { CONTENT_LANGUAGES, type ContentLanguage } from "@/lib/languages.ts";

/** A language path/body parameter (`fr`); any case accepted, stored lower case. */
export const contentLanguageSchema = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(z.enum(CONTENT_LANGUAGES, { error: "invalid_choice" }));

/** PUT /api/studio/lessons/<id>/translations/<language>: the translated title, Markdown body and captions. */
export const translationInputSchema = z.object({
  title: z.string({ error: "required" }).trim().min(1, "required").max(200, "too_long"),
  body: z.string({ error: "invalid" }).max(100_000, "too_long").default(""),
  /** a WebVTT asset of the provider (VIDEO lessons only); null = none */
  captionsId: id.nullable().default(null),
});
export type TranslationInput = z.infer<typeof translationInputSchema>;

/** PUT /api/account/content-language: the preferred content language, or null to follow the browser. */
export const contentLanguagePreferenceSchema = z.object({ language: contentLanguageSchema.nullable() });

/** The primary subtag of a language tag, lower case (`pt-BR` → `pt`). */
export function primaryLanguage(tag: string): string {
  return (tag.split("-")[0] ?? tag).toLowerCase();
}

/**
 * The preferred content language: the account setting when set, else the best `Accept-Language` entry
 * (RFC 9110 §12.5.4 quality values) among {@link CONTENT_LANGUAGES}, else null (show the original).
 */
export function preferredContentLanguage(
  setting: string | null | undefined,
  acceptLanguage: string | null | undefined,
): ContentLanguage | null {
  const supported = (tag: string): tag is ContentLanguage => (CONTENT_LANGUAGES as readonly string[]).includes(tag);
  if (setting && supported(setting)) return setting;
  if (!acceptLanguage) return null;
  const ranked = acceptLanguage
    .split(",")
    .map((part) => {
      const [tag = "", ...params] = part.trim().split(";");
      const q = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
      return { lang: primaryLanguage(tag), q: q ? Number(q.slice(2)) : 1 };
    })
    .filter((x) => x.lang && Number.isFinite(x.q) && x.q > 0)
    .sort((a, b) => b.q - a.q);
  return ranked.map((x) => x.lang).find(supported) ?? null;
}
