/**
 * Mail catalogues, one per UI locale (`messages/<locale>/mail.json`). Kept apart from the UI catalogues in
 * i18n/messages.ts: the worker renders mail, the browser never needs these strings.
 */
import deMail from "../../../messages/de/mail.json";
import enMail from "../../../messages/en/mail.json";
import esMail from "../../../messages/es/mail.json";
import frMail from "../../../messages/fr/mail.json";
import trMail from "../../../messages/tr/mail.json";
import { DEFAULT_LOCALE, isLocale, type Locale } from "@/i18n/config";

export type MailCatalog = typeof enMail;

export const MAIL_MESSAGES = { en: enMail, de: deMail, tr: trMail, fr: frMail, es: esMail } satisfies Record<
  Locale,
  MailCatalog
>;

/** The catalogue of `locale`, English for an unknown locale. */
export function mailCatalog(locale: string): { locale: Locale; messages: MailCatalog } {
  const l = isLocale(locale) ? locale : DEFAULT_LOCALE;
  return { locale: l, messages: MAIL_MESSAGES[l] };
}

/** Replaces `{name}` placeholders with `values` (missing values stay visible as `{name}`). */
export function interpolate(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (all, key: string) => (key in values ? String(values[key]) : all));
}
