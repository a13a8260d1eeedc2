import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { unverifiedEmail } from "@/features/auth/account-mail";
import { getSessionUser } from "@/server/auth";
import { db } from "@/server/db";
import { env, mailEnabled } from "@/server/env";
import { resendLabels } from "@/app/_components/email-verification-banner";
import styles from "../../auth.module.css";
import { safeCallbackUrl } from "../../_components/api";
import { ResendVerification } from "../../_components/resend-verification";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("auth.verifyNotice"))("title") };
}

/**
 * Where e-mail sign-up lands: "We sent a verification link to <address>", the hint to look in the spam folder,
 * "Resend e-mail" and "Continue" (to where the visitor was going). An account without an address to confirm (already
 * confirmed, or an instance without mail) goes on at once; a visitor goes to sign-in.
 */
export default async function CheckInboxPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string }> }) {
  const e = env();
  const callbackUrl = safeCallbackUrl((await searchParams).callbackUrl, e.APP_URL);
  const user = await getSessionUser();
  if (!user) redirect(`/signin?callbackUrl=${encodeURIComponent(callbackUrl)}`);
  const email = mailEnabled(e) ? await unverifiedEmail(db(), user.id) : null;
  if (!email) redirect(callbackUrl);
  const t = await getTranslations("auth.verifyNotice");
  return (
    <section className={styles.panel} data-testid="check-inbox">
      <h1>{t("title")}</h1>
      <p className={styles.address}>{t.rich("sentTo", { email, address: (chunks) => <strong>{chunks}</strong> })}</p>
      <p>{t("open")}</p>
      <p className="muted">{t("spam")}</p>
      <ResendVerification labels={await resendLabels()} />
      <p>
        <Link href={callbackUrl} className="button">
          {t("continue")}
        </Link>
      </p>
    </section>
  );
}
