"use client";
/** School admins: "Create teacher account" (POST /api/school/teachers {name, username, password}). */
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState, type FormEvent } from "react";
import { problemText, sendJson } from "./api";

export function CreateTeacherForm() {
  const t = useTranslations("school");
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);

  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const formEl = e.currentTarget;
    const form = new FormData(formEl);
    const body = { name: form.get("name"), username: form.get("username"), password: form.get("password") };
    setBusy(true);
    setMessage(null);
    const a = await sendJson<{ username: string }>("/api/school/teachers", "POST", body);
    setBusy(false);
    if (a.ok && a.data) {
      setMessage({ ok: true, text: t("teachers.done", { username: a.data.username }) });
      formEl.reset();
      router.refresh(); // the new account joins the staff list
    } else setMessage({ ok: false, text: problemText(a, t, { labels: { name: t("teachers.name") } }) });
  }

  return (
    <form onSubmit={onSubmit} className="card" data-testid="create-teacher-form">
      <label htmlFor="teacher-name">{t("teachers.name")}</label>
      <input id="teacher-name" name="name" required maxLength={80} autoComplete="off" />
      <label htmlFor="teacher-username">{t("teachers.username")}</label>
      <input id="teacher-username" name="username" required maxLength={40} autoComplete="off" />
      <label htmlFor="teacher-password">{t("teachers.password")}</label>
      <input
        id="teacher-password"
        name="password"
        type="password"
        required
        minLength={10}
        autoComplete="new-password"
      />
      <button type="submit" className="button" disabled={busy} aria-busy={busy}>
        {busy ? t("teachers.busy") : t("teachers.submit")}
      </button>
      {message && (
        <p role={message.ok ? "status" : "alert"} className={message.ok ? undefined : "error"}>
          {message.text}
        </p>
      )}
    </form>
  );
}
