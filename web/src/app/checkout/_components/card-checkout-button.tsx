"use client";
/**
 * "Buy with card" for one fiat price: POST /api/checkout/card, then the browser goes to the Stripe-hosted
 * checkout page. Access is granted later (webhook → outbox → chain → indexer), never by this button.
 * Render it disabled (`enabled={false}`) when card payments are not configured: it then shows why.
 */
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";

export interface CardCheckoutButtonProps {
  courseSlug: string;
  currency: "EUR" | "USD";
  /** formatted price shown on the button, e.g. "€19.99" */
  priceLabel: string;
  /** whether card payments are configured on the server (`cardPaymentsEnabled()`) */
  enabled: boolean;
}

type State = { phase: "idle" } | { phase: "busy" } | { phase: "error"; message: string };

/** The card purchase button of the buy box. */
export function CardCheckoutButton({ courseSlug, currency, priceLabel, enabled }: CardCheckoutButtonProps) {
  const t = useTranslations("checkout.card");
  const router = useRouter();
  const [state, setState] = useState<State>({ phase: "idle" });

  async function start() {
    setState({ phase: "busy" });
    let res: Response;
    try {
      res = await fetch("/api/checkout/card", {
        method: "POST",
        credentials: "same-origin",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ courseSlug, currency }),
      });
    } catch {
      setState({ phase: "error", message: t("errors.generic") });
      return;
    }
    if (res.status === 401) {
      router.push(`/signin?callbackUrl=${encodeURIComponent(window.location.pathname)}`);
      return;
    }
    const json = (await res.json().catch(() => null)) as { url?: unknown } | null;
    if (res.ok && typeof json?.url === "string") {
      window.location.assign(json.url);
      return;
    }
    const key = res.status === 409 ? "conflict" : res.status === 422 ? "unavailable" : "generic";
    setState({ phase: "error", message: t(`errors.${key}`) });
  }

  return (
    <div className="card-checkout" data-testid={`card-checkout-${currency}`}>
      <button
        type="button"
        className="button"
        data-method="card"
        data-currency={currency}
        disabled={!enabled || state.phase === "busy"}
        aria-busy={state.phase === "busy"}
        onClick={() => void start()}
      >
        {state.phase === "busy" ? t("redirecting") : `${t("buy")} · ${priceLabel}`}
      </button>
      {!enabled && <p className="muted">{t("disabled")}</p>}
      {state.phase === "error" && (
        <p role="alert" className="error">
          {state.message}
        </p>
      )}
    </div>
  );
}
