"use client";
/**
 * Stripe Connect status of the provider (details submitted, charges/payouts enabled, requirements due)
 * and the "connect / continue onboarding" button: POSTs /api/earnings/connect and opens the hosted
 * onboarding page it returns. Errors are shown next to the button.
 */
import { useTranslations } from "next-intl";
import { useState } from "react";
import type { ConnectStatus } from "@/features/payouts/connect";

/** The panel; `notice` is set when the provider comes back from Stripe (`return`) or the link expired (`refresh`). */
export function ConnectPanel({ status, notice }: { status: ConnectStatus; notice: "return" | "refresh" | null }) {
  const t = useTranslations("earnings.connect");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState(false);
  const yes = (v: boolean) => (v ? t("yes") : t("no"));

  async function start() {
    setBusy(true);
    setError(false);
    try {
      const res = await fetch("/api/earnings/connect", { method: "POST" });
      const body = (await res.json()) as { url?: unknown };
      if (!res.ok || typeof body.url !== "string") throw new Error(String(res.status));
      window.location.assign(body.url);
    } catch {
      setError(true);
      setBusy(false);
    }
  }

  return (
    <div data-testid="stripe-connect">
      <h2>{t("title")}</h2>
      {notice && <p role="status">{t(notice === "return" ? "returned" : "refresh")}</p>}
      {!status.connected ? (
        <p>{t("none")}</p>
      ) : (
        <>
          <p className="muted">{t("account", { id: status.accountId ?? "" })}</p>
          <ul data-testid="stripe-connect-status">
            <li>
              {t("details")}: {yes(status.detailsSubmitted)}
            </li>
            <li>
              {t("charges")}: {yes(status.chargesEnabled)}
            </li>
            <li>
              {t("payouts")}: {yes(status.payoutsEnabled)}
            </li>
          </ul>
          {status.requirementsDue.length > 0 && <p>{t("due", { items: status.requirementsDue.join(", ") })}</p>}
          {status.disabledReason && <p>{t("disabled", { reason: status.disabledReason })}</p>}
          {status.payoutsEnabled && <p>{t("ready")}</p>}
        </>
      )}
      {!(status.payoutsEnabled && status.detailsSubmitted && status.requirementsDue.length === 0) && (
        <button type="button" onClick={() => void start()} disabled={busy}>
          {busy ? t("connecting") : status.connected ? t("continue") : t("connect")}
        </button>
      )}
      {error && <p role="alert">{t("failed")}</p>}
    </div>
  );
}
