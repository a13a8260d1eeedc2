"use client";
/** "New class": POST /api/school/classes {name}, then opens the class page. */
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState, type FormEvent } from "react";
import { problemText, sendJson } from "./api";

export function CreateClassForm() {
  const t = useTranslations("school");
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const name = String(new FormData(e.currentTarget).get("name") ?? "");
    setBusy(true);
    setProblem(null);
    const a = await sendJson<{ id: string }>("/api/school/classes", "POST", { name });
    setBusy(false);
    if (a.ok && a.data) router.push(`/school/classes/${a.data.id}`);
    else setProblem(problemText(a, t, { labels: { name: t("createClass.name") } }));
  }

  return (
    <form onSubmit={onSubmit} className="card" data-testid="create-class-form">
      <label htmlFor="class-name">{t("createClass.name")}</label>
      <input id="class-name" name="name" required maxLength={80} autoComplete="off" />
      <button type="submit" className="button" disabled={busy} aria-busy={busy}>
        {busy ? t("createClass.busy") : t("createClass.submit")}
      </button>
      {problem && (
        <p role="alert" className="error">
          {problem}
        </p>
      )}
    </form>
  );
}
