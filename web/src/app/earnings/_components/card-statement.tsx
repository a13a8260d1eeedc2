/**
 * The provider's statement on /earnings: balances per rail and currency (card EUR/USD from the card
 * statement; POL/ESN from the escrow contract), the per-sale table of card payouts and the CSV export.
 */
import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import type { ProviderEarnings } from "@/features/earnings/service";
import type { CardStatement } from "@/features/payouts/statement";
import { formatPrice } from "@/lib/money";

/** Server component: statement summary + card payouts table. */
export async function CardStatementView({ card, crypto }: { card: CardStatement; crypto: ProviderEarnings }) {
  const t = await getTranslations("earnings");
  const format = await getFormatter();
  const when = (iso: string) => format.dateTime(new Date(iso), { dateStyle: "medium", timeStyle: "short" });
  const locale = await getLocale();
  const rows = [
    ...card.balances.map((b) => ({
      key: `card-${b.currency}`,
      rail: t("statement.card"),
      currency: b.currency,
      pending: formatPrice(BigInt(b.pending), b.currency, locale),
      available: formatPrice(BigInt(b.available), b.currency, locale),
      done: formatPrice(BigInt(b.transferred), b.currency, locale),
      paidOut: formatPrice(BigInt(b.paidOut), b.currency, locale),
    })),
    ...crypto.currencies.map((c) => ({
      key: `crypto-${c.currency}`,
      rail: c.currency,
      currency: c.currency,
      pending: formatPrice(BigInt(c.escrowed), c.currency, locale),
      available: formatPrice(BigInt(c.releasable) + BigInt(c.withdrawable), c.currency, locale),
      done: formatPrice(BigInt(c.withdrawn), c.currency, locale),
      paidOut: "—",
    })),
  ];
  return (
    <>
      <h2>{t("statement.title")}</h2>
      <p className="muted">{t("statement.lead")}</p>
      <table data-testid="statement">
        <thead>
          <tr>
            <th>{t("statement.rail")}</th>
            <th>{t("statement.currency")}</th>
            <th>{t("statement.pending")}</th>
            <th>{t("statement.available")}</th>
            <th>{t("statement.transferred")}</th>
            <th>{t("statement.paidOut")}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.key} data-rail={r.key}>
              <td>{r.rail}</td>
              <td>{r.currency}</td>
              <td data-col="pending">{r.pending}</td>
              <td data-col="available">{r.available}</td>
              <td data-col="transferred">{r.done}</td>
              <td data-col="paid-out">{r.paidOut}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p>
        <a href="/api/earnings/statement" download data-testid="statement-csv">
          {t("statement.export")}
        </a>
      </p>
      <h2>{t("card.title")}</h2>
      {!card.payoutsEnabled && card.sales.length > 0 && <p className="muted">{t("card.held")}</p>}
      {card.sales.length === 0 ? (
        <p className="muted">{t("card.empty")}</p>
      ) : (
        <table data-testid="card-payouts">
          <thead>
            <tr>
              <th>{t("card.date")}</th>
              <th>{t("card.course")}</th>
              <th>{t("card.amount")}</th>
              <th>{t("card.share")}</th>
              <th>{t("card.deadline")}</th>
              <th>{t("card.payout")}</th>
            </tr>
          </thead>
          <tbody>
            {card.sales.map((s) => (
              <tr key={s.cardPaymentId} data-state={s.state}>
                <td>{format.dateTime(new Date(s.date), { dateStyle: "medium" })}</td>
                <td>{s.course.title}</td>
                <td>{formatPrice(BigInt(s.gross), s.currency, locale)}</td>
                <td>{formatPrice(BigInt(s.providerAmount), s.currency, locale)}</td>
                <td>{s.refundDeadline ? when(s.refundDeadline) : t("card.notRecorded")}</td>
                <td>
                  {t(`card.states.${s.state}`)}
                  {s.transferId && (
                    <>
                      {" "}
                      <code>{s.transferId}</code>
                    </>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
