"use client";
/** The learner's opt-in to show their name on certificates (PUT /api/certificates/settings). */
import { useState } from "react";
import { useTranslations } from "next-intl";

/** @param offline offline school: no NFT, so the hint names only the credential and the PDF */
export function ShowNameToggle({ initial, offline = false }: { initial: boolean; offline?: boolean }) {
  const t = useTranslations("certificates.mine");
  const [checked, setChecked] = useState(initial);
  const [saved, setSaved] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function change(next: boolean) {
    setChecked(next);
    setSaved(false);
    setError(null);
    const res = await fetch("/api/certificates/settings", {
      method: "PUT",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ showName: next }),
    });
    if (res.ok) setSaved(true);
    else {
      setChecked(!next);
      setError(res.statusText);
    }
  }

  return (
    <p>
      <label>
        <input type="checkbox" checked={checked} onChange={(e) => void change(e.target.checked)} /> {t("showName")}
      </label>
      <br />
      <small className="muted">{offline ? t("showNameHintOffline") : t("showNameHint")}</small>
      {saved && <span role="status"> {t("saved")}</span>}
      {error && <span role="alert"> {error}</span>}
    </p>
  );
}
