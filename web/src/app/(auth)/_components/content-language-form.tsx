"use client";
import { useRouter } from "next/navigation";
import { useLocale, useTranslations } from "next-intl";
import { useState } from "react";
import { CONTENT_LANGUAGES } from "@/features/translations/schemas";
import { callApi } from "@/lib/api-client";
import styles from "../auth.module.css";
import { SaveRow, useSaveStatus } from "./save-status";

/**
 * The preferred language of course content (PUT /api/auth/account/content-language): lessons the provider translated
 * are shown in it. "As my browser" stores null and follows Accept-Language (`browser`, negotiated on the server).
 */
export function ContentLanguageForm({ current, browser }: { current: string | null; browser: string | null }) {
  const t = useTranslations("auth.account.contentLanguage");
  const locale = useLocale();
  const router = useRouter();
  const names = new Intl.DisplayNames([locale], { type: "language" });
  const [value, setValue] = useState(current ?? "");
  const { status, submit } = useSaveStatus(
    () => callApi("PUT", "/api/auth/account/content-language", { language: value || null }),
    () => router.refresh(),
  );

  return (
    <form className={styles.form} onSubmit={submit}>
      <p className="muted">{t("hint")}</p>
      <label htmlFor="content-language-select">{t("label")}</label>
      <select id="content-language-select" value={value} onChange={(e) => setValue(e.target.value)}>
        <option value="">
          {browser ? t("browser", { language: names.of(browser) ?? browser }) : t("browserNone")}
        </option>
        {CONTENT_LANGUAGES.map((l) => (
          <option key={l} value={l}>
            {names.of(l)}
          </option>
        ))}
      </select>
      <SaveRow status={status} labels={{ save: t("save"), saved: t("saved"), failed: t("failed") }} />
    </form>
  );
}
