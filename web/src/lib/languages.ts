/**
 * The one list of languages course content can be in (ISO 639-1 primary subtags, lower case): a course's own
 * language (studio course form, `courseInputSchema`), the languages a lesson can be translated into, and the
 * learner's preferred content language. It holds every UI language (`i18n/config.ts` LOCALES: en, de, tr, fr, es)
 * plus further common course languages; `languages.test.ts` checks the UI languages stay included.
 */
export const CONTENT_LANGUAGES = ["en", "de", "fr", "es", "tr", "it", "nl", "pt", "pl"] as const;
/** One of {@link CONTENT_LANGUAGES}. */
export type ContentLanguage = (typeof CONTENT_LANGUAGES)[number];
