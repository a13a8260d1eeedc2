"use client";
/**
 * Per-pupil actions of the class page: remove from the class (DELETE …/pupils/<id>, asks first), move to another
 * class of the teacher (POST …/pupils/<id>/move) and deactivate / reactivate the account (the shared
 * AccountActiveButton; deactivating asks first). Progress and certificates are kept by all of them.
 */
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState, type FormEvent } from "react";
import { AccountActiveButton } from "./account-active-button";
import { problemText, sendJson, type ApiAnswer } from "./api";

export interface PupilActionsProps {
  classId: string;
  pupil: { id: string; name: string; active: boolean };
  /** the other classes the viewer manages (move targets) */
  otherClasses: { id: string; name: string }[];
}

export function PupilActions({ classId, pupil, otherClasses }: PupilActionsProps) {
  const t = useTranslations("school");
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  async function run(send: () => Promise<ApiAnswer<unknown>>) {
    setBusy(true);
    setProblem(null);
    const a = await send();
    setBusy(false);
    if (a.ok) router.refresh();
    else setProblem(problemText(a, t));
  }

  function onRemove() {
    if (!window.confirm(t("class.removePupilConfirm", { name: pupil.name }))) return;
    void run(() => sendJson(`/api/school/classes/${classId}/pupils/${pupil.id}`, "DELETE"));
  }

  function onMove(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const toClassId = String(new FormData(e.currentTarget).get("toClassId") ?? "");
    if (!toClassId) return;
    void run(() => sendJson(`/api/school/classes/${classId}/pupils/${pupil.id}/move`, "POST", { toClassId }));
  }

  const selectId = `move-${pupil.id}`;
  return (
    <div className="pupil-actions" data-testid="pupil-actions">
      <button type="button" onClick={onRemove} disabled={busy} aria-label={`${t("class.removePupil")}: ${pupil.name}`}>
        {t("class.removePupil")}
      </button>
      {otherClasses.length > 0 && (
        <form onSubmit={onMove} className="pupil-move">
          <label htmlFor={selectId} className="sr-only">
            {`${t("class.moveTo")}: ${pupil.name}`}
          </label>
          <select id={selectId} name="toClassId" required defaultValue="">
            <option value="" disabled>
              {t("class.moveTo")}
            </option>
            {otherClasses.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </select>
          <button type="submit" disabled={busy} aria-label={`${t("class.moveSubmit")}: ${pupil.name}`}>
            {t("class.moveSubmit")}
          </button>
        </form>
      )}
      <AccountActiveButton userId={pupil.id} name={pupil.name} active={pupil.active} />
      {problem && (
        <span role="alert" className="error">
          {problem}
        </span>
      )}
    </div>
  );
}
