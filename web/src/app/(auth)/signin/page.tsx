import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { getSessionUser } from "@/server/auth";
import { needsSetup } from "@/features/school/setup";
import { db } from "@/server/db";
import { env, oidcEnabled, signUpOpen } from "@/server/env";
import styles from "../auth.module.css";
import { safeCallbackUrl } from "../_components/api";
import { OidcButton } from "../_components/oidc-button";
import { SignInForm } from "../_components/signin-form";
import { WalletButton } from "../_components/wallet-button";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("auth.signIn"))("title") };
}

type Search = Promise<{ callbackUrl?: string; error?: string; username?: string }>;

export default async function SignInPage({ searchParams }: { searchParams: Search }) {
  const { callbackUrl: rawCallback, error, username } = await searchParams;
  const e = env();
  const callbackUrl = safeCallbackUrl(rawCallback, e.APP_URL);
  if (await getSessionUser()) redirect(callbackUrl);
  // A fresh offline school instance has no admin yet: set it up first.
  if (env().OFFLINE_MODE && (await needsSetup(db()))) redirect("/setup");
  const t = await getTranslations("auth.signIn");
  const tUp = await getTranslations("auth.signUp");
  const oidc = oidcEnabled(e);
  return (
    <section className={styles.panel}>
      <h1>{t("title")}</h1>
      <SignInForm
        callbackUrl={callbackUrl}
        initialError={error}
        initialLogin={typeof username === "string" ? username.slice(0, 40) : undefined}
        providerName={e.OIDC_NAME}
      />
      {e.OFFLINE_MODE ? null : (
        <>
          <p className={styles.divider}>{t("or")}</p>
          <WalletButton mode="signin" chainId={e.CHAIN_ID} callbackUrl={callbackUrl} />
        </>
      )}
      {oidc ? <OidcButton callbackUrl={callbackUrl} providerName={e.OIDC_NAME} /> : null}
      {e.OFFLINE_MODE && !e.SMTP_URL ? null : (
        <p className="muted">
          <Link href="/forgot-password">{t("forgotPassword")}</Link>
        </p>
      )}
      {signUpOpen(e) ? (
        <p className="muted">
          {t("noAccount")}{" "}
          <Link href={`/signup?callbackUrl=${encodeURIComponent(callbackUrl)}`}>{t("signUpLink")}</Link>
        </p>
      ) : (
        <p className="muted">{tUp("closed")}</p>
      )}
    </section>
  );
}
