"use client";
/** Active admin assignments with "Remove" (DELETE /api/admin/enrollments/<id>). */
import { useRouter } from "next/navigation";
import { useFormatter, useTranslations } from "next-intl";
import { useState } from "react";
import type { AssignmentRow } from "@/features/admin/queries";

export function AssignmentList({ assignments }: { assignments: AssignmentRow[] }) {
  const t = useTranslations("admin.assignments");
  const format = useFormatter();
  const router = useRouter();
  const [busy, setBusy] = useState<string | null>(null);
  const [failed, setFailed] = useState(false);

  async function remove(id: string) {
    setBusy(id);
    setFailed(false);
    try {
      const res = await fetch(`/api/admin/enrollments/${encodeURIComponent(id)}`, { method: "DELETE" });
      if (!res.ok) setFailed(true);
    } catch {
      setFailed(true);
    } finally {
      setBusy(null);
      router.refresh();
    }
  }

  if (assignments.length === 0) return <p className="muted">{t("empty")}</p>;
  return (
    <>
      <table data-testid="assignments">
        <thead>
          <tr>
            <th>{t("learner")}</th>
            <th>{t("course")}</th>
            <th>{t("since")}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {assignments.map((a) => (
            <tr key={a.id} data-enrollment={a.id}>
              <td>{a.user.email ?? a.user.name}</td>
              <td>{a.course.title}</td>
              <td>{format.dateTime(new Date(a.createdAt), { dateStyle: "medium", timeStyle: "short" })}</td>
              <td>
                <button type="button" disabled={busy !== null} onClick={() => void remove(a.id)}>
                  {busy === a.id ? t("removing") : t("remove")}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {failed && (
        <p role="alert" className="error">
          {t("error")}
        </p>
      )}
    </>
  );
}
