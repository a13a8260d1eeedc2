"use client";
/**
 * "Deactivate account" / "Reactivate" for one school account (PUT /api/school/users/<id>/active {active}):
 * deactivating asks first (the account is signed out at once); reactivating does not. Used for pupils on the class
 * page (pupil-actions.tsx) and for staff on /school. The page is refreshed after a change, so the status shown next
 * to the button comes from the server.
 */
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { problemText, sendJson } from "./api";

export interface AccountActiveButtonProps {
  userId: string;
  /** shown in the confirmation and the button's accessible name ("Deactivate account: <name>") */
  name: string;
  /** whether the account can sign in now (the button offers the opposite) */
  active: boolean;
}

export function AccountActiveButton({ userId, name, active }: AccountActiveButtonProps) {
  const t = useTranslations("school");
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  async function onClick() {
    if (active && !window.confirm(t("class.deactivateConfirm", { name }))) return;
    setBusy(true);
    setProblem(null);
    const a = await sendJson(`/api/school/users/${userId}/active`, "PUT", { active: !active });
    setBusy(false);
    if (a.ok) router.refresh();
    // the shared wording (network, generic), with this action's own sentences for 404 and 403
    else
      setProblem(
        problemText(a, t, { codes: { not_found: t("errors.notFound"), forbidden: t("errors.accountForbidden") } }),
      );
  }

  const label = active ? t("class.deactivate") : t("class.reactivate");
  return (
    <>
      <button type="button" onClick={onClick} disabled={busy} aria-busy={busy} aria-label={`${label}: ${name}`}>
        {busy ? t(active ? "class.deactivateBusy" : "class.reactivateBusy") : label}
      </button>
      {problem && (
        <span role="alert" className="error">
          {problem}
        </span>
      )}
    </>
  );
}
