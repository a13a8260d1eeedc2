/**
 * /checkout/success?session_id=cs_… — where Stripe sends the buyer back. Shows status only (payment
 * received → recording on chain → unlocked) and polls; fulfilment happens in the webhook, never here.
 */
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { checkoutStatusQuery } from "@/features/checkout/card/schemas";
import { checkoutStatus, type CheckoutStatusView } from "@/features/checkout/card/status";
import { getSessionUser } from "@/server/auth";
import { db } from "@/server/db";
import { env } from "@/server/env";
import { ApiError } from "@/server/http";
import { CardCheckoutStatus } from "../_components/card-checkout-status";

export const dynamic = "force-dynamic";

type Search = Promise<{ session_id?: string }>;

export default async function CheckoutSuccessPage({ searchParams }: { searchParams: Search }) {
  const t = await getTranslations("checkout.success");
  const parsed = checkoutStatusQuery.safeParse(await searchParams);
  const user = await getSessionUser();
  let body: React.ReactNode;
  if (!parsed.success) body = <p>{t("missing")}</p>;
  else if (!user) {
    const back = `/checkout/success?session_id=${encodeURIComponent(parsed.data.session_id)}`;
    body = <Link href={`/signin?callbackUrl=${encodeURIComponent(back)}`}>{t("signIn")}</Link>;
  } else {
    let initial: CheckoutStatusView | null = null;
    try {
      initial = await checkoutStatus({ db: db() }, user.id, parsed.data.session_id);
    } catch (err) {
      if (!(err instanceof ApiError && err.code === "not_found")) throw err;
    }
    body = initial ? (
      <CardCheckoutStatus sessionId={parsed.data.session_id} initial={initial} chainId={env().CHAIN_ID} />
    ) : (
      <p>{t("notFound")}</p>
    );
  }
  return (
    <div className="checkout-page">
      <h1>{t("title")}</h1>
      <p className="muted">{t("intro")}</p>
      {body}
    </div>
  );
}
