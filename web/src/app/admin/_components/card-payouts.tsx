/**
 * /admin "Card payouts" (platform admins): every provider's card balances per currency and the provider
 * transfers that failed (with the last Stripe error), each with "Retry" (one more attempt, audited; see
 * features/payouts/retry). Data from features/payouts/admin.
 */
import { getFormatter, getTranslations } from "next-intl/server";
import type { FailedTransfer, ProviderCardBalance } from "@/features/payouts/admin";
import { formatPrice, type Currency } from "@/lib/money";
import { RetryTransferButton } from "./retry-transfer";

const money = (minor: string, currency: string) => formatPrice(BigInt(minor), currency as Currency, "en");
const who = (p: { name: string | null; email: string | null; id: string }) => p.email ?? p.name ?? p.id;

export async function CardPayouts({ balances, failed }: { balances: ProviderCardBalance[]; failed: FailedTransfer[] }) {
  const t = await getTranslations("admin.payouts");
  const format = await getFormatter();
  return (
    <section data-testid="card-payouts-admin" aria-labelledby="card-payouts-title">
      <h2 id="card-payouts-title">{t("title")}</h2>
      <p className="muted">{t("lead")}</p>
      {balances.length === 0 ? (
        <p className="muted">{t("none")}</p>
      ) : (
        <table data-testid="provider-balances">
          <thead>
            <tr>
              <th>{t("provider")}</th>
              <th>{t("currency")}</th>
              <th>{t("pending")}</th>
              <th>{t("available")}</th>
              <th>{t("transferred")}</th>
              <th>{t("reversed")}</th>
              <th>{t("payouts")}</th>
            </tr>
          </thead>
          <tbody>
            {balances.map((b) => (
              <tr key={`${b.provider.id}:${b.currency}`}>
                <td>{who(b.provider)}</td>
                <td>{b.currency}</td>
                <td>{money(b.pending, b.currency)}</td>
                <td>{money(b.available, b.currency)}</td>
                <td>{money(b.transferred, b.currency)}</td>
                <td>{money(b.reversed, b.currency)}</td>
                <td>{b.payoutsEnabled ? t("yes") : t("no")}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h3>{t("failedTitle")}</h3>
      {failed.length === 0 ? (
        <p className="muted">{t("noFailed")}</p>
      ) : (
        <table data-testid="failed-transfers">
          <thead>
            <tr>
              <th>{t("when")}</th>
              <th>{t("provider")}</th>
              <th>{t("amount")}</th>
              <th>{t("attempts")}</th>
              <th>{t("error")}</th>
              <th>{t("retryColumn")}</th>
            </tr>
          </thead>
          <tbody>
            {failed.map((f) => (
              <tr key={f.id} data-transfer={f.id}>
                <td>{format.dateTime(new Date(f.updatedAt), { dateStyle: "medium", timeStyle: "short" })}</td>
                <td>{who(f.provider)}</td>
                <td>{money(f.amount, f.currency)}</td>
                <td>{f.attempts}</td>
                <td>
                  <code>{f.lastError ?? ""}</code>
                </td>
                <td>
                  <RetryTransferButton transferId={f.id} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
