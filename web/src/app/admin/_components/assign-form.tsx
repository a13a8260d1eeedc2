"use client";
/** "Assign a learner": POST /api/admin/enrollments {courseSlug, userEmail}, then refresh the page's lists. */
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState, type FormEvent } from "react";

type Outcome =
  { kind: "done" | "already"; email: string } | { kind: "error"; key: "course" | "user" | "invalid" | "generic" };

/** Error key of a failed assignment answer (`fields` of the API error). */
function errorKey(status: number, body: unknown): "course" | "user" | "invalid" | "generic" {
  const fields = (body as { error?: { fields?: Record<string, string> } } | null)?.error?.fields ?? {};
  if (status === 404 && fields.courseSlug) return "course";
  if (status === 404 && fields.userEmail) return "user";
  if (status === 400) return "invalid";
  return "generic";
}

export function AssignForm({ courses }: { courses: { slug: string; title: string }[] }) {
  const t = useTranslations("admin.assign");
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);

  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const userEmail = String(form.get("userEmail") ?? "");
    setBusy(true);
    setOutcome(null);
    try {
      const res = await fetch("/api/admin/enrollments", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ courseSlug: String(form.get("courseSlug") ?? ""), userEmail }),
      });
      const body: unknown = await res.json().catch(() => null);
      if (res.ok) setOutcome({ kind: res.status === 201 ? "done" : "already", email: userEmail.trim() });
      else setOutcome({ kind: "error", key: errorKey(res.status, body) });
      router.refresh();
    } catch {
      setOutcome({ kind: "error", key: "generic" });
    } finally {
      setBusy(false);
    }
  }

  return (
    <form onSubmit={onSubmit} className="card" data-testid="assign-form">
      <label htmlFor="assign-course">{t("course")}</label>
      <select id="assign-course" name="courseSlug" required>
        {courses.map((c) => (
          <option key={c.slug} value={c.slug}>
            {c.title}
          </option>
        ))}
      </select>
      <label htmlFor="assign-email">{t("email")}</label>
      <input id="assign-email" name="userEmail" type="email" required autoComplete="off" />
      <button type="submit" className="button" disabled={busy} aria-busy={busy}>
        {busy ? t("busy") : t("submit")}
      </button>
      {outcome?.kind === "error" ? (
        <p role="alert" className="error">
          {t(`errors.${outcome.key}`)}
        </p>
      ) : outcome ? (
        <p role="status">{t(outcome.kind, { email: outcome.email })}</p>
      ) : null}
    </form>
  );
}
