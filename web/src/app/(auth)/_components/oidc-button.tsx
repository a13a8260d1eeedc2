"use client";
import { signIn } from "next-auth/react";
import { useTranslations } from "next-intl";
import { useState } from "react";
import styles from "../auth.module.css";

/**
 * "Continue with <provider>" (OIDC_NAME, e.g. Google): starts the OpenID Connect sign-in (next-auth provider
 * "oidc"); rendered only when the provider is configured. New e-mail addresses get a learner account.
 */
export function OidcButton({ callbackUrl, providerName }: { callbackUrl: string; providerName: string }) {
  const t = useTranslations("auth.signIn");
  const [pending, setPending] = useState(false);
  return (
    <button
      type="button"
      className={styles.secondary}
      disabled={pending}
      aria-busy={pending}
      onClick={() => {
        setPending(true);
        void signIn("oidc", { callbackUrl }).catch(() => setPending(false));
      }}
    >
      {t("continueWith", { provider: providerName })}
    </button>
  );
}
