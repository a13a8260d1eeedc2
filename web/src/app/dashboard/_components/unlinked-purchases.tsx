/**
 * "You bought … with the wallet 0x…, which is not linked to your account — link it" (issue 10 §3.1):
 * the account's purchases from wallets it does not have (features/checkout/crypto/unlinked-purchases.ts),
 * each with the SIWE link button. Shown on the dashboard (all courses) and on a course page (that course).
 */
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import type { UnlinkedPurchase } from "@/features/checkout/crypto/unlinked-purchases";
import { courseHref } from "@/features/catalog/links";
import { LazyWalletButton } from "@/app/(auth)/_components/lazy-wallet-button";

export async function UnlinkedPurchases({
  purchases,
  chainId,
  withTitle = true,
}: {
  purchases: UnlinkedPurchase[];
  chainId: number;
  /** the dashboard names the section; the course page shows the notice alone */
  withTitle?: boolean;
}) {
  if (purchases.length === 0) return null;
  const t = await getTranslations("wallet.unlinked");
  return (
    <section className="card" role="status" data-testid="unlinked-purchases">
      {withTitle && <h2>{t("noticeTitle")}</h2>}
      <ul>
        {purchases.map((p) => (
          <li key={`${p.courseId}:${p.learner}`} data-course={p.slug} data-wallet={p.learner}>
            <p>
              {withTitle ? (
                <Link href={courseHref(p.slug)}>{t("notice", { title: p.title, address: p.learner })}</Link>
              ) : (
                t("notice", { title: p.title, address: p.learner })
              )}
            </p>
            {p.state === "confirming" && <p className="muted">{t("confirming")}</p>}
          </li>
        ))}
      </ul>
      <LazyWalletButton mode="link" chainId={chainId} />
    </section>
  );
}
