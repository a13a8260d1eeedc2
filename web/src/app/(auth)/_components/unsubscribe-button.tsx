"use client";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { useState } from "react";
import type { MailCategory } from "@/features/mail/unsubscribe";
import styles from "../auth.module.css";

/** Asks before turning a mail category off, then POSTs `List-Unsubscribe=One-Click` (RFC 8058) with the token. */
export function UnsubscribeButton({ token, category }: { token: string; category: MailCategory }) {
  const t = useTranslations("auth.unsubscribe");
  const [status, setStatus] = useState<"idle" | "pending" | "done" | "failed">("idle");

  async function confirm() {
    setStatus("pending");
    const res = await fetch(`/api/mail/unsubscribe?token=${encodeURIComponent(token)}`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: "List-Unsubscribe=One-Click",
    }).catch(() => null);
    setStatus(res?.ok ? "done" : "failed");
  }

  if (status === "done") {
    return (
      <>
        <p className={styles.success} role="status">
          {t(`done.${category}`)}
        </p>
        <p>
          <Link href="/account#notifications">{t("toAccount")}</Link>
        </p>
      </>
    );
  }
  return (
    <>
      <p>{t(`question.${category}`)}</p>
      <p>
        <button
          type="button"
          className="button"
          onClick={() => void confirm()}
          disabled={status === "pending"}
          aria-busy={status === "pending"}
        >
          {t("confirm")}
        </button>
      </p>
      {status === "failed" && (
        <p className={styles.notice} role="alert">
          {t("failed")}
        </p>
      )}
    </>
  );
}
