/** UI languages. The UI locale is a user preference (cookie); a course's language is course metadata. */
export const LOCALES = ["en", "de", "tr", "fr", "es"] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = "en";
/** Cookie holding the chosen UI locale (same name next-intl uses by default). */
export const LOCALE_COOKIE = "NEXT_LOCALE";

export function isLocale(value: unknown): value is Locale {
  return typeof value === "string" && (LOCALES as readonly string[]).includes(value);
}

/**
 * Picks the best supported locale from an `Accept-Language` header (RFC 9110 §12.5.4 quality values).
 * @returns a supported locale, DEFAULT_LOCALE when none matches
 */
export function negotiateLocale(acceptLanguage: string | null | undefined): Locale {
  if (!acceptLanguage) return DEFAULT_LOCALE;
  const ranked = acceptLanguage
    .split(",")
    .map((part) => {
      const [tag = "", ...params] = part.trim().split(";");
      const q = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
      return { lang: tag.toLowerCase().split("-")[0] ?? "", q: q ? Number(q.slice(2)) : 1 };
    })
    .filter((x) => x.lang && Number.isFinite(x.q) && x.q > 0)
    .sort((a, b) => b.q - a.q);
  return ranked.map((x) => x.lang).find(isLocale) ?? DEFAULT_LOCALE;
}

/**
 * The UI locale of a request without next/headers (route handlers): the NEXT_LOCALE cookie, else the
 * `Accept-Language` negotiation — the same rule as i18n/request.ts.
 */
export function localeFromHeaders(headers: Headers): Locale {
  const cookie = (headers.get("cookie") ?? "")
    .split(";")
    .map((c) => c.trim().split("="))
    .find(([k]) => k === LOCALE_COOKIE)?.[1];
  return isLocale(cookie) ? cookie : negotiateLocale(headers.get("accept-language"));
}
