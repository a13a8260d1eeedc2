/** /earnings — a provider's crypto escrow balances and sales (release, withdraw) and card sales. */
import type { Metadata } from "next";
import Link from "next/link";
import { getLocale, getTranslations } from "next-intl/server";
import { listCardSales } from "@/features/checkout/card/sales";
import { earningsDeps } from "@/features/earnings/deps";
import { providerEarnings } from "@/features/earnings/service";
import { formatPrice } from "@/lib/money";
import { getSessionUser, hasRole } from "@/server/auth";
import { db } from "@/server/db";
import { connectDeps } from "@/features/payouts/wiring";
import { connectStatus, refreshConnectAccount, type ConnectStatus } from "@/features/payouts/connect";
import { cardPaymentsEnabled } from "@/server/stripe";
import { ConnectPanel } from "./_components/connect-panel";
import { EarningsActions } from "./_components/earnings-actions";

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
  const locale = await getLocale();
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
  const [earnings, card, connect] = await Promise.all([
    providerEarnings(earningsDeps(), user.id),
    listCardSales({ db: db() }, user, { limit: 50 }),
    stripeConnect(user.id, notice),
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
      <EarningsActions earnings={earnings} />
      {connect && <ConnectPanel status={connect} notice={notice} />}
      <h2>{t("card.title")}</h2>
      {card.sales.length === 0 ? (
        <p className="muted">{t("card.empty")}</p>
      ) : (
        <>
          <ul>
            {card.totals.map((x) => (
              <li key={x.currency}>
                {t("card.paid", { amount: formatPrice(BigInt(x.paid), x.currency, locale) })} ·{" "}
                {t("card.refunded", { amount: formatPrice(BigInt(x.refunded), x.currency, locale) })}
              </li>
            ))}
          </ul>
          <table data-testid="card-sales">
            <thead>
              <tr>
                <th>{t("card.date")}</th>
                <th>{t("card.course")}</th>
                <th>{t("card.amount")}</th>
                <th>{t("card.status")}</th>
              </tr>
            </thead>
            <tbody>
              {card.sales.map((s) => (
                <tr key={s.id}>
                  <td>{s.createdAt.slice(0, 10)}</td>
                  <td>{s.course.title}</td>
                  <td>{formatPrice(BigInt(s.amount), s.currency, locale)}</td>
                  <td>{s.status}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}
