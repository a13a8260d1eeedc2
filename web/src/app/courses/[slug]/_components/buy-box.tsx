import { useLocale, useTranslations } from "next-intl";
import { formatPrice, isFiat, primaryCurrency, type Currency } from "@/lib/money";
import { isCryptoCurrency } from "@/features/checkout/crypto/config";
import type { LearnerCourseState } from "@/features/learning/dashboard";
import Link from "next/link";
import { CardCheckoutButton } from "@/app/checkout/_components/card-checkout-button";
import { LazyWalletCheckout } from "@/app/_providers/lazy-wallet";
import { learnHref } from "@/features/catalog/links";
import { EnrollFreeButton } from "./enroll-free-button";
import { PricePicker, type PriceOption } from "./price-picker";

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
  /** the visitor's active enrollment (progress, resume lesson, certificate): shown instead of prices */
  learner?: LearnerCourseState | null;
  signedIn?: boolean;
  /** offline mode (OFFLINE_MODE=true): no card or wallet checkout; explains access codes and class assignment */
  offline?: boolean;
  /** wallets linked to the signed-in account (checksummed); null when nobody is signed in */
  accountWallets?: string[] | null;
  /** the visitor is a school admin holding a licence (features/packs `holdsPackLicence`): offer the course pack */
  packDownload?: boolean;
}

/**
 * The course page's buy box. Enrolled learners see their progress, "Go to the course" and (completed) their
 * certificate — no prices; a wallet buyer also manages the purchase (refund) there. Everyone else sees the
 * currency picker: one primary price with its buy button ("Buy with card" for fiat, the wallet checkout for
 * tokens) and "Also payable in …". Access unlocks only when the payment is final on-chain.
 */
export function BuyBox({
  isFree,
  prices,
  course,
  cardEnabled = false,
  learner = null,
  signedIn = false,
  offline = false,
  accountWallets = null,
  packDownload = false,
}: BuyBoxProps) {
  const t = useTranslations("catalog");
  const locale = useLocale();
  if (learner && course)
    return (
      <EnrolledBox learner={learner} course={course} accountWallets={accountWallets} packDownload={packDownload} />
    );
  const options: PriceOption[] = prices.map((p) => {
    const label = formatPrice(p.amount, p.currency, locale);
    let action;
    if (isFiat(p.currency) && course) {
      action = (
        <CardCheckoutButton courseSlug={course.slug} currency={p.currency} priceLabel={label} enabled={cardEnabled} />
      );
    } else if (isCryptoCurrency(p.currency) && course) {
      action = (
        <LazyWalletCheckout
          courseDbId={course.id}
          slug={course.slug}
          accountWallets={accountWallets}
          refundWindowDays={course.refundWindowDays}
          prices={[{ currency: p.currency, amount: p.amount.toString() }]}
        />
      );
    } else {
      const method = isFiat(p.currency) ? "card" : "wallet";
      action = (
        <button type="button" disabled data-currency={p.currency} data-method={method}>
          {t(`buy.${method}`)} · {label}
        </button>
      );
    }
    return { currency: p.currency, label, action };
  });
  const initial = primaryCurrency(
    prices.map((p) => p.currency),
    locale,
  );
  return (
    <aside id="buy" className="card buy-box" aria-label={t("buy.title")} data-testid="buy-box">
      {isFree ? (
        <>
          <p className="price price-primary">{t("card.free")}</p>
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
      ) : initial ? (
        <PricePicker options={options} initial={initial} />
      ) : null}
    </aside>
  );
}

/**
 * Progress, "Go to the course", the certificate once completed, the wallet purchase of a CRYPTO buyer, and — for a
 * school admin holding a licence — the course pack for the school's offline instance (GET /api/courses/<slug>/pack).
 */
function EnrolledBox({
  learner,
  course,
  accountWallets,
  packDownload,
}: {
  learner: LearnerCourseState;
  course: { id: string; slug: string; refundWindowDays: number };
  accountWallets: string[] | null;
  packDownload: boolean;
}) {
  const t = useTranslations("catalog.buy");
  return (
    <aside id="buy" className="card buy-box" aria-label={t("title")} data-testid="buy-box" data-enrolled="true">
      <p className="muted">{t("enrolled")}</p>
      <p>
        <progress className="progress-bar" max={100} value={learner.progressPercent} aria-label={t("progressLabel")} />{" "}
        <span data-testid="course-progress">{t("progress", { ratio: learner.progressPercent / 100 })}</span>
      </p>
      {learner.completedAt && <p>{t("completed")}</p>}
      <Link className="button" href={learnHref(course.slug, learner.resumeLessonId)}>
        {learner.completedAt || learner.progressPercent === 0 ? t("goToCourse") : t("resume")}
      </Link>
      {learner.certificate && (
        <p>
          <Link href={`/verify/${encodeURIComponent(learner.certificate.id)}`}>{t("certificate")}</Link>
        </p>
      )}
      {packDownload && (
        <p>
          <a
            className="button secondary"
            href={`/api/courses/${encodeURIComponent(course.slug)}/pack`}
            download
            data-testid="pack-download"
          >
            {t("packDownload")}
          </a>
          <br />
          <small className="muted">{t("packDownloadHint")}</small>
        </p>
      )}
      {learner.source === "CRYPTO" && (
        <section className="manage-wallet">
          <h2 className="small-heading">{t("manageWallet")}</h2>
          <LazyWalletCheckout
            courseDbId={course.id}
            slug={course.slug}
            accountWallets={accountWallets}
            refundWindowDays={course.refundWindowDays}
            prices={[]}
            manageOnly
          />
        </section>
      )}
    </aside>
  );
}
