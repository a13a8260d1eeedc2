"use client";
import { signOut } from "next-auth/react";
import { useTranslations } from "next-intl";
import styles from "../auth.module.css";

/** Ends the session (next-auth sign-out with CSRF token) and returns to the home page. */
export function SignOutButton() {
  const t = useTranslations("auth.menu");
  return (
    <button type="button" className={styles.linkButton} onClick={() => void signOut({ callbackUrl: "/" })}>
      {t("signOut")}
    </button>
  );
}
