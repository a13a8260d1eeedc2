import { useLocale, useTranslations } from "next-intl";
import { formatPrice, isFiat, type Currency } from "@/lib/money";
import { isCryptoCurrency } from "@/features/checkout/crypto/config";
import Link from "next/link";
import { CardCheckoutButton } from "@/app/checkout/_components/card-checkout-button";
import { WalletCheckout } from "@/app/checkout/_components/wallet-checkout";
import { EnrollFreeButton } from "./enroll-free-button";

export interface BuyBoxProps {
  isFree: boolean;
  /** amounts in integer units (cents / wei) */
  prices: { currency: Currency; amount: bigint }[];
  /**
   * the course (database id, slug, refund window of crypto purchases in days) for the wallet checkout;
   * without it the wallet button stays disabled
   */
  course?: { id: string; slug: string; refundWindowDays: number };
  /** whether card payments are configured on the server (`cardPaymentsEnabled()`) */
  cardEnabled?: boolean;
  /** the visitor already has access: show "Go to the course" instead of buying */
  enrolled?: boolean;
  signedIn?: boolean;
  /** offline mode (OFFLINE_MODE=true): no card or wallet checkout; explains access codes and class assignment */
  offline?: boolean;
  /** wallets linked to the signed-in account (checksummed); null when nobody is signed in */
  accountWallets?: string[] | null;
}

/**
 * Prices per offered currency and the purchase buttons: "Buy with card" for each fiat price, "Buy with
 * wallet" for each token price (wallet checkout through the escrow contract). Access unlocks only when the
 * payment is final on-chain (card sales are recorded on the same contract by the platform).
 */
export function BuyBox({
  isFree,
  prices,
  course,
  cardEnabled = false,
  enrolled = false,
  signedIn = false,
  offline = false,
  accountWallets = null,
}: BuyBoxProps) {
  const t = useTranslations("catalog");
  const locale = useLocale();
  const card = prices.filter((p) => isFiat(p.currency));
  const wallet = prices.filter((p) => !isFiat(p.currency));
  return (
    <aside className="card buy-box" aria-label={t("buy.title")} data-testid="buy-box">
      {enrolled && course && (
        <>
          <p className="muted">{t("buy.enrolled")}</p>
          <Link className="button" href={`/learn/${encodeURIComponent(course.slug)}`}>
            {t("buy.goToCourse")}
          </Link>
        </>
      )}
      {enrolled && (isFree || offline) ? null : isFree ? (
        <>
          <p className="price">{t("card.free")}</p>
          <p className="muted">{t("buy.free")}</p>
          {course && <EnrollFreeButton slug={course.slug} signedIn={signedIn} />}
        </>
      ) : offline ? (
        <div data-testid="offline-enrollment">
          <h2>{t("buy.offlineTitle")}</h2>
          <p className="muted">{t("buy.offline")}</p>
          <Link className="button" href="/redeem">
            {t("buy.redeemCode")}
          </Link>
        </div>
      ) : (
        <>
          <ul aria-label={t("course.prices")}>
            {prices.map((p) => (
              <li key={p.currency} className="price">
                {formatPrice(p.amount, p.currency, locale)}
              </li>
            ))}
          </ul>
          <div className="buy-buttons">
            {/* Enrolled learners keep the wallet box: it shows their escrowed purchase (refund, withdraw). */}
            {(enrolled ? [] : card).map((p) =>
              course && (p.currency === "EUR" || p.currency === "USD") ? (
                <CardCheckoutButton
                  key={p.currency}
                  courseSlug={course.slug}
                  currency={p.currency}
                  priceLabel={formatPrice(p.amount, p.currency, locale)}
                  enabled={cardEnabled}
                />
              ) : (
                <button key={p.currency} type="button" disabled data-currency={p.currency} data-method="card">
                  {t("buy.card")} · {formatPrice(p.amount, p.currency, locale)}
                </button>
              ),
            )}
            {course ? (
              <WalletCheckout
                courseDbId={course.id}
                slug={course.slug}
                accountWallets={accountWallets}
                refundWindowDays={course.refundWindowDays}
                prices={wallet.flatMap((p) =>
                  isCryptoCurrency(p.currency) ? [{ currency: p.currency, amount: p.amount.toString() }] : [],
                )}
              />
            ) : (
              wallet.map((p) => (
                <button key={p.currency} type="button" disabled data-currency={p.currency} data-method="wallet">
                  {t("buy.wallet")} · {formatPrice(p.amount, p.currency, locale)}
                </button>
              ))
            )}
          </div>
        </>
      )}
    </aside>
  );
}
