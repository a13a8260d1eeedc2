/**
 * The one way the UI says a stable code in its language: an API error `code`, or a field error code from a zod
 * schema or a service (`fields.title = "too_long"`). Used by the sign-in, wallet and account forms (`auth.errors`,
 * `auth.fieldErrors`), the studio (`studio.fieldErrors`, `studio.errors`) and the school forms (`school.fieldErrors`,
 * `school.errors`); the tests in features/studio/field-error-codes.test.ts make every code those forms can receive
 * have a message.
 */

/** A next-intl translator (`useTranslations(ns)` / `getTranslations(ns)`), as far as codes need it. */
export interface CodeTranslator {
  (key: string, values?: Record<string, string | number>): string;
  has(key: string): boolean;
}

/**
 * The message of `code` under `prefix` (e.g. `codeText(t, "fieldErrors.", "too_long", "invalid")`). A code without
 * a message — or a text that is no code, such as a server's English sentence — gives the `fallback` code's message,
 * never the text itself.
 * @param prefix key prefix inside `t`'s namespace, including the dot ("" for codes at its top level)
 * @param fallback code under the same prefix whose message is shown for unknown codes; it must exist
 * @param values ICU arguments of the messages (e.g. `{ provider: "Google" }`)
 */
export function codeText(
  t: CodeTranslator,
  prefix: string,
  code: string | null | undefined,
  fallback: string,
  values?: Record<string, string | number>,
): string {
  return code && t.has(`${prefix}${code}`) ? t(`${prefix}${code}`, values) : t(`${prefix}${fallback}`, values);
}
