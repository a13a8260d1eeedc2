import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { needsSetup } from "@/features/school/setup";
import { getSessionUser } from "@/server/auth";
import { db } from "@/server/db";
import { env, oidcEnabled, signUpOpen } from "@/server/env";
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
  const signIn = `/signin?callbackUrl=${encodeURIComponent(callbackUrl)}`;
  // Self sign-up switched off (SIGNUP=closed, the default on an offline school server): say who creates accounts —
  // on a fresh school server nobody can yet, so the first admin is set up first (as on /signin).
  if (!signUpOpen(e)) {
    if (e.OFFLINE_MODE && (await needsSetup(db()))) redirect("/setup");
    return (
      <section className={styles.panel} data-testid="signup-closed">
        <h1>{t("title")}</h1>
        <p>{t("closed")}</p>
        <p>
          <Link href={signIn}>{t("signInLink")}</Link>
        </p>
      </section>
    );
  }
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
        {t("haveAccount")} <Link href={signIn}>{t("signInLink")}</Link>
      </p>
    </section>
  );
}
