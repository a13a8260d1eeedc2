"use client";
/** "Retry" for one failed provider transfer (POST /api/admin/payouts/transfers/<id>/retry, platform admins). */
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";

export function RetryTransferButton({ transferId }: { transferId: string }) {
  const t = useTranslations("admin.payouts");
  const router = useRouter();
  const [state, setState] = useState<"idle" | "busy" | "done" | "error">("idle");

  async function retry() {
    setState("busy");
    try {
      const res = await fetch(`/api/admin/payouts/transfers/${encodeURIComponent(transferId)}/retry`, {
        method: "POST",
      });
      setState(res.ok ? "done" : "error");
      if (res.ok) router.refresh();
    } catch {
      setState("error");
    }
  }

  if (state === "done") return <span role="status">{t("retryScheduled")}</span>;
  return (
    <>
      <button type="button" disabled={state === "busy"} onClick={() => void retry()}>
        {state === "busy" ? t("retrying") : t("retry")}
      </button>
      {state === "error" && (
        <p role="alert" className="error">
          {t("retryError")}
        </p>
      )}
    </>
  );
}
