import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { verifyEmail } from "@/features/auth/account-mail";
import { db } from "@/server/db";
import styles from "../auth.module.css";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("auth.verify"))("title") };
}

/** The verification mail's link: confirms the address (single use) and says so. */
export default async function VerifyEmailPage({ searchParams }: { searchParams: Promise<{ token?: string }> }) {
  const { token } = await searchParams;
  const t = await getTranslations("auth.verify");
  const result = typeof token === "string" && token.length <= 100 ? await verifyEmail(db(), token) : "invalid";
  return (
    <section className={styles.panel}>
      <h1>{t("title")}</h1>
      <p className={result === "verified" ? styles.success : styles.notice} role="status">
        {result === "verified" ? t("verified") : t("invalid")}
      </p>
      <p>
        <Link href="/account">{t("toAccount")}</Link>
      </p>
    </section>
  );
}
