"use client";
/**
 * First school admin: POST /api/school/setup, then to the sign-in page with the username filled in — a full page
 * load, so the root layout (header) shows the school's name at once instead of the platform's.
 */
import { useTranslations } from "next-intl";
import { useState, type FormEvent } from "react";
import { problemText, sendJson } from "@/app/school/_components/api";

export function SetupForm() {
  const t = useTranslations("school");
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    const body = {
      schoolName: f.get("schoolName"),
      name: f.get("name"),
      username: f.get("username"),
      password: f.get("password"),
    };
    setBusy(true);
    setProblem(null);
    const a = await sendJson<{ username: string }>("/api/school/setup", "POST", body);
    setBusy(false);
    if (a.ok && a.data)
      // eslint-disable-next-line @next/next/no-location-assign-relative-destination -- a full load re-renders the root layout with the school's name
      window.location.assign(`/signin?username=${encodeURIComponent(a.data.username)}&callbackUrl=%2Fschool`);
    else
      setProblem(
        problemText(a, t, { codes: { conflict: t("setup.alreadySetUp") }, labels: { name: t("setup.name") } }),
      );
  }

  return (
    <form onSubmit={onSubmit} className="card" data-testid="setup-form">
      <label htmlFor="setup-school">{t("setup.schoolName")}</label>
      <input id="setup-school" name="schoolName" required maxLength={120} />
      <label htmlFor="setup-name">{t("setup.name")}</label>
      <input id="setup-name" name="name" required maxLength={80} autoComplete="name" />
      <label htmlFor="setup-username">{t("setup.username")}</label>
      <input id="setup-username" name="username" required maxLength={40} autoComplete="username" />
      <label htmlFor="setup-password">{t("setup.password")}</label>
      <input id="setup-password" name="password" type="password" required minLength={10} autoComplete="new-password" />
      <button type="submit" className="button" disabled={busy} aria-busy={busy}>
        {busy ? t("setup.busy") : t("setup.submit")}
      </button>
      {problem && (
        <p role="alert" className="error">
          {problem}
        </p>
      )}
    </form>
  );
}
