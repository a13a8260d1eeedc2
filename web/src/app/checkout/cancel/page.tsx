/** /checkout/cancel?course=<slug> — the buyer left the Stripe checkout; nothing was charged. */
import Link from "next/link";
import { getTranslations } from "next-intl/server";

type Search = Promise<{ course?: string }>;

export default async function CheckoutCancelPage({ searchParams }: { searchParams: Search }) {
  const t = await getTranslations("checkout.cancel");
  const { course } = await searchParams;
  const slug = course && /^[a-z0-9][a-z0-9-]{0,199}$/.test(course) ? course : null;
  return (
    <div className="checkout-page">
      <h1>{t("title")}</h1>
      <p>{t("body")}</p>
      <p>{slug ? <Link href={`/courses/${slug}`}>{t("back")}</Link> : <Link href="/courses">{t("browse")}</Link>}</p>
    </div>
  );
}
