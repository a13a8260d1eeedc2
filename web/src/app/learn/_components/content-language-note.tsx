import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import type { ContentLanguageState } from "@/features/translations/content";

/**
 * Says in which language the lesson is shown when the learner prefers another language than the course's: the
 * translation ("Shown in French, translated") or the original because no translation exists yet.
 */
export async function ContentLanguageNote({ state }: { state: ContentLanguageState }) {
  if (!state.preferred || state.preferred === state.original) return null;
  const t = await getTranslations("learning.contentLanguage");
  const names = new Intl.DisplayNames([await getLocale()], { type: "language" });
  const name = (code: string) => names.of(code) ?? code;
  return (
    <p className="notice" role="note" data-testid="content-language-note">
      {state.missing
        ? t("missing", { language: name(state.preferred), original: name(state.original) })
        : t("translated", { language: name(state.preferred), original: name(state.original) })}{" "}
      <Link href="/account#content-language">{t("change")}</Link>
    </p>
  );
}
