"use client";
import { signIn } from "next-auth/react";
import { useTranslations } from "next-intl";
import styles from "../auth.module.css";

/** "Sign in with Google" (rendered only when the Google provider is configured). */
export function GoogleButton({ callbackUrl }: { callbackUrl: string }) {
  const t = useTranslations("auth.signIn");
  return (
    <button type="button" className={styles.secondary} onClick={() => void signIn("google", { callbackUrl })}>
      {t("google")}
    </button>
  );
}
