/**
 * /earnings — a provider's statement per rail and currency (card: pending in the refund window, available,
 * transferred, paid out; POL/ESN: escrowed, available, withdrawn), crypto escrow actions (release, withdraw),
 * Stripe Connect onboarding and the per-sale card payouts with CSV export.
 */
import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { earningsDeps } from "@/features/earnings/deps";
import { providerEarnings } from "@/features/earnings/service";
import { getSessionUser, hasRole } from "@/server/auth";
import { db } from "@/server/db";
import { chainNow, connectDeps } from "@/features/payouts/wiring";
import { cardStatement } from "@/features/payouts/statement";
import { connectStatus, refreshConnectAccount, type ConnectStatus } from "@/features/payouts/connect";
import { cardPaymentsEnabled } from "@/server/stripe";
import { CardStatementView } from "./_components/card-statement";
import { ConnectPanel } from "./_components/connect-panel";
import { EarningsActions } from "./_components/earnings-actions";
import { PayoutRotation } from "./_components/payout-rotation";
import { rotationViews } from "@/features/earnings/payout-rotation";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("earnings");
  return { title: t("title") };
}

/** The provider's Connect status; re-read from Stripe when they come back from onboarding (stored status if that fails). */
async function stripeConnect(userId: string, notice: "return" | "refresh" | null): Promise<ConnectStatus | null> {
  if (!cardPaymentsEnabled()) return null;
  if (notice === "return") {
    const fresh = await refreshConnectAccount(connectDeps(), userId).catch(() => null);
    if (fresh) return fresh;
  }
  return connectStatus(db(), userId);
}

export default async function EarningsPage({
  searchParams,
}: {
  searchParams: Promise<{ connect?: string | string[] }>;
}) {
  const q = (await searchParams).connect;
  const notice = q === "return" || q === "refresh" ? q : null;
  const t = await getTranslations("earnings");
  const user = await getSessionUser();
  if (!user) {
    return (
      <section>
        <h1>{t("title")}</h1>
        <p>
          <Link href="/signin?callbackUrl=/earnings">{t("signIn")}</Link>
        </p>
      </section>
    );
  }
  if (!hasRole(user, "PROVIDER")) {
    return (
      <section>
        <h1>{t("title")}</h1>
        <p>{t("notProvider")}</p>
      </section>
    );
  }
  const deps = earningsDeps();
  const [earnings, card, connect, rotations] = await Promise.all([
    providerEarnings(deps, user.id),
    chainNow(deps.client).then((now) => cardStatement(db(), user.id, now)),
    stripeConnect(user.id, notice),
    rotationViews(db(), user.id),
  ]);
  return (
    <section data-testid="earnings">
      <h1>{t("title")}</h1>
      <p className="muted">{t("lead")}</p>
      <p data-testid="payout-address">
        {earnings.payoutAddress ? (
          t("payout.label", { address: earnings.payoutAddress })
        ) : (
          <Link href="/account">{t("payout.missing")}</Link>
        )}
      </p>
      <PayoutRotation />
      {rotations.length > 0 && (
        <table data-testid="payout-rotations" aria-label={t("rotation.changes")}>
          <thead>
            <tr>
              <th>{t("rotation.course")}</th>
              <th>{t("rotation.newAddress")}</th>
              <th>{t("rotation.state")}</th>
            </tr>
          </thead>
          <tbody>
            {rotations.map((r) => (
              <tr key={r.courseDbId} data-state={r.outbox.status}>
                <td>{r.title}</td>
                <td>{r.newProvider}</td>
                <td>
                  {r.outbox.status === "CONFIRMED"
                    ? t("rotation.confirmed")
                    : r.outbox.status === "FAILED"
                      ? t("rotation.failedState")
                      : t("rotation.pending")}
                  {r.failure && (
                    <p className="muted" data-testid="payout-rotation-reason">
                      {t(`rotation.reason.${r.failure}`, { error: r.outbox.errorName ?? "" })}
                    </p>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {connect && <ConnectPanel status={connect} notice={notice} />}
      <CardStatementView card={card} crypto={earnings} />
      <EarningsActions earnings={earnings} />
    </section>
  );
}
