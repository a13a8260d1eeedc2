"use client";
import { useRouter } from "next/navigation";
import { useLocale, useTranslations } from "next-intl";
import { useState, type FormEvent } from "react";
import { CONTENT_LANGUAGES } from "@/features/translations/schemas";
import { callApi } from "@/lib/api-client";
import styles from "../auth.module.css";

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
  const [status, setStatus] = useState<"idle" | "pending" | "done" | "failed">("idle");

  async function save(e: FormEvent) {
    e.preventDefault();
    setStatus("pending");
    const res = await callApi("PUT", "/api/auth/account/content-language", { language: value || null });
    setStatus(res.ok ? "done" : "failed");
    if (res.ok) router.refresh();
  }

  return (
    <form className={styles.form} onSubmit={(e) => void save(e)}>
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
      <div>
        <button type="submit" className="button" disabled={status === "pending"} aria-busy={status === "pending"}>
          {t("save")}
        </button>{" "}
        <span role="status">{status === "done" ? t("saved") : status === "failed" ? t("failed") : ""}</span>
      </div>
    </form>
  );
}
