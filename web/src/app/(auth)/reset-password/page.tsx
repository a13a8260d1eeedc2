import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import styles from "../auth.module.css";
import { ResetPasswordForm } from "../_components/mail-forms";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("auth.reset"))("title") };
}

/** The reset mail's link: choose a new password (the token is checked and consumed on submit only). */
export default async function ResetPasswordPage({ searchParams }: { searchParams: Promise<{ token?: string }> }) {
  const { token } = await searchParams;
  const t = await getTranslations("auth.reset");
  return (
    <section className={styles.panel}>
      <h1>{t("title")}</h1>
      {typeof token === "string" && token.length > 0 && token.length <= 100 ? (
        <ResetPasswordForm token={token} />
      ) : (
        <p className={styles.notice}>
          {t("missing")} <Link href="/forgot-password">{t("requestNew")}</Link>
        </p>
      )}
    </section>
  );
}
