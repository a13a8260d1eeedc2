import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { getSessionUser } from "@/server/auth";
import { env } from "@/server/env";
import styles from "../auth.module.css";
import { safeCallbackUrl } from "../_components/api";
import { GoogleButton } from "../_components/google-button";
import { SignInForm } from "../_components/signin-form";
import { WalletButton } from "../_components/wallet-button";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("auth.signIn"))("title") };
}

type Search = Promise<{ callbackUrl?: string; error?: string }>;

export default async function SignInPage({ searchParams }: { searchParams: Search }) {
  const { callbackUrl: rawCallback, error } = await searchParams;
  const callbackUrl = safeCallbackUrl(rawCallback);
  if (await getSessionUser()) redirect(callbackUrl);
  const t = await getTranslations("auth.signIn");
  const e = env();
  const google = !!(e.GOOGLE_CLIENT_ID && e.GOOGLE_CLIENT_SECRET);
  return (
    <section className={styles.panel}>
      <h1>{t("title")}</h1>
      <SignInForm callbackUrl={callbackUrl} initialError={error} />
      {e.OFFLINE_MODE ? null : (
        <>
          <p className={styles.divider}>{t("or")}</p>
          <WalletButton mode="signin" chainId={e.CHAIN_ID} callbackUrl={callbackUrl} />
        </>
      )}
      {google ? <GoogleButton callbackUrl={callbackUrl} /> : null}
      <p className="muted">
        {t("noAccount")} <Link href={`/signup?callbackUrl=${encodeURIComponent(callbackUrl)}`}>{t("signUpLink")}</Link>
      </p>
    </section>
  );
}
