"use client";
/**
 * Live progress of a card purchase on the success page: polls GET /api/checkout/card/status every
 * 2 s until the course is unlocked (or the payment failed / was refunded). Read-only — the webhook
 * and the indexer do the work.
 */
import Link from "next/link";
import { useTranslations } from "next-intl";
import { useEffect, useState } from "react";
import type { CheckoutStage, CheckoutStatusView } from "@/features/checkout/card/status";
import { LongValue } from "@/app/_components/long-value";
import { txExplorerUrl } from "@/features/checkout/crypto/chain-links";
import { learnHref } from "@/features/catalog/links";

const FINAL: CheckoutStage[] = ["unlocked", "failed", "expired", "refunded"];
/** Stages without the happy-path step list. */
const OFF_PATH: CheckoutStage[] = ["failed", "expired", "refunding", "refunded"];
const POLL_MS = 2_000;

/** Index of the reached step: 0 none, 1 payment received, 2 recording on chain, 3 unlocked. */
function reached(stage: CheckoutStage): number {
  return { pending: 0, paid: 1, recording: 2, unlocked: 3, failed: 0, expired: 0, refunding: 0, refunded: 0 }[stage];
}

export function CardCheckoutStatus({
  sessionId,
  initial,
  chainId,
}: {
  sessionId: string;
  initial: CheckoutStatusView;
  /** the deployment's chain id: the sale's record links to that chain's explorer */
  chainId: number;
}) {
  const t = useTranslations("checkout.success");
  const [view, setView] = useState(initial);
  const [retrying, setRetrying] = useState(false);

  useEffect(() => {
    if (FINAL.includes(view.stage)) return;
    const timer = setTimeout(async () => {
      try {
        const res = await fetch(`/api/checkout/card/status?session_id=${encodeURIComponent(sessionId)}`, {
          credentials: "same-origin",
          cache: "no-store",
        });
        if (!res.ok) throw new Error(String(res.status));
        setView((await res.json()) as CheckoutStatusView);
        setRetrying(false);
      } catch {
        setRetrying(true);
        setView((v) => ({ ...v })); // schedule the next attempt
      }
    }, POLL_MS);
    return () => clearTimeout(timer);
  }, [view, sessionId]);

  const step = reached(view.stage);
  return (
    <section aria-live="polite" data-testid="card-checkout-status" data-stage={view.stage}>
      <p>{t("course", { title: view.course.title })}</p>
      {!OFF_PATH.includes(view.stage) && (
        <ol className="checkout-steps">
          {(["payment", "recording", "unlocked"] as const).map((name, i) => (
            <li key={name} aria-current={step === i + 1 ? "step" : undefined} data-done={step > i}>
              {step > i ? "✓ " : ""}
              {t(`steps.${name}`)}
            </li>
          ))}
        </ol>
      )}
      <p>{t(`stage.${view.stage}`)}</p>
      {view.problem && (
        <p data-testid="card-checkout-problem" data-problem={view.problem}>
          {t(`problem.${view.problem}`)}
        </p>
      )}
      {view.chain?.txHash && (
        <p className="muted">
          {t("transaction")}{" "}
          <LongValue
            value={view.chain.txHash}
            href={txExplorerUrl(chainId, view.chain.txHash)}
            label={t("transaction")}
          />
        </p>
      )}
      {retrying && <p className="muted">{t("retry")}</p>}
      {view.stage === "unlocked" && (
        // straight into the player (its first lesson), not back to the course page with its buy box
        <Link className="button" href={learnHref(view.course.slug, null)}>
          {t("open")}
        </Link>
      )}
    </section>
  );
}
