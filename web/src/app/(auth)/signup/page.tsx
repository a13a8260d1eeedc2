import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { getSessionUser } from "@/server/auth";
import { env, oidcEnabled } from "@/server/env";
import styles from "../auth.module.css";
import { safeCallbackUrl } from "../_components/api";
import { OidcButton } from "../_components/oidc-button";
import { SignUpForm } from "../_components/signup-form";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("auth.signUp"))("title") };
}

export default async function SignUpPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string }> }) {
  const e = env();
  const callbackUrl = safeCallbackUrl((await searchParams).callbackUrl, e.APP_URL);
  if (await getSessionUser()) redirect(callbackUrl);
  const t = await getTranslations("auth.signUp");
  return (
    <section className={styles.panel}>
      <h1>{t("title")}</h1>
      <SignUpForm callbackUrl={callbackUrl} />
      {oidcEnabled(e) ? (
        <>
          <p className={styles.divider}>{t("or")}</p>
          <OidcButton callbackUrl={callbackUrl} providerName={e.OIDC_NAME} />
        </>
      ) : null}
      <p className="muted">
        {t("haveAccount")}{" "}
        <Link href={`/signin?callbackUrl=${encodeURIComponent(callbackUrl)}`}>{t("signInLink")}</Link>
      </p>
    </section>
  );
}
