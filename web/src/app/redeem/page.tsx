import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { getSessionUser } from "@/server/auth";
import { RedeemForm } from "./_components/redeem-form";

export const dynamic = "force-dynamic";

/** /redeem — a signed-in learner enters an access code and is enrolled. */
export default async function RedeemPage() {
  const t = await getTranslations("enrollment.redeem");
  const user = await getSessionUser();
  return (
    <section className="container" aria-labelledby="redeem-title">
      <h1 id="redeem-title">{t("title")}</h1>
      <p className="muted">{t("lead")}</p>
      {user ? (
        <RedeemForm />
      ) : (
        <p>
          {t("signIn")} <Link href="/signin?callbackUrl=%2Fredeem">{t("signInLink")}</Link>
        </p>
      )}
    </section>
  );
}
