"use client";
/** Revoke form for the course provider / platform admin on the verification page (POST …/revoke). */
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useTranslations } from "next-intl";

export function RevokeForm({ certificateId }: { certificateId: string }) {
  const t = useTranslations("certificates.revoke");
  const router = useRouter();
  const [reason, setReason] = useState("");
  const [state, setState] = useState<"idle" | "sending" | "requested" | "done">("idle");
  const [error, setError] = useState<string | null>(null);

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    setState("sending");
    setError(null);
    const res = await fetch(`/api/certificates/${encodeURIComponent(certificateId)}/revoke`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ reason }),
    });
    const body = (await res.json().catch(() => ({}))) as { status?: string; error?: { message?: string } };
    if (!res.ok) {
      setState("idle");
      setError(body.error?.message ?? res.statusText);
      return;
    }
    setState(body.status === "REVOKED" ? "done" : "requested");
    router.refresh();
  }

  return (
    <form className="card" onSubmit={submit} aria-label={t("title")}>
      <h2>{t("title")}</h2>
      <label>
        {t("reason")}{" "}
        <input value={reason} onChange={(e) => setReason(e.target.value)} minLength={3} maxLength={200} required />
      </label>{" "}
      <button type="submit" disabled={state === "sending"}>
        {state === "sending" ? t("sending") : t("submit")}
      </button>
      {state === "requested" && <p role="status">{t("requested")}</p>}
      {state === "done" && <p role="status">{t("done")}</p>}
      {error && <p role="alert">{error}</p>}
    </form>
  );
}
