import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { env, mailEnabled } from "@/server/env";
import styles from "../auth.module.css";
import { ForgotPasswordForm } from "../_components/mail-forms";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("auth.forgot"))("title") };
}

/** "Forgot password": mails a single-use reset link (only when SMTP_URL is configured). */
export default async function ForgotPasswordPage() {
  const t = await getTranslations("auth.forgot");
  const enabled = mailEnabled(env());
  return (
    <section className={styles.panel}>
      <h1>{t("title")}</h1>
      {enabled ? (
        <>
          <p className="muted">{t("intro")}</p>
          <ForgotPasswordForm />
        </>
      ) : (
        <p className={styles.notice}>{t("unavailable")}</p>
      )}
      <p className="muted">
        <Link href="/signin">{t("backToSignIn")}</Link>
      </p>
    </section>
  );
}
