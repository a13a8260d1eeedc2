"use client";
import { useTranslations } from "next-intl";
import { useState, type FormEvent } from "react";
import { callApi } from "@/lib/api-client";
import styles from "../auth.module.css";

/**
 * E-mail notifications (PUT /api/auth/account/notifications): the opt-out of lesson Q&A e-mail. Accounts without
 * an e-mail address see why they get none.
 */
export function NotificationSettingsForm({ qaMail, hasEmail }: { qaMail: boolean; hasEmail: boolean }) {
  const t = useTranslations("auth.account.qaMail");
  const [checked, setChecked] = useState(qaMail);
  const [status, setStatus] = useState<"idle" | "pending" | "done" | "failed">("idle");

  async function save(e: FormEvent) {
    e.preventDefault();
    setStatus("pending");
    const res = await callApi("PUT", "/api/auth/account/notifications", { qaMail: checked });
    setStatus(res.ok ? "done" : "failed");
  }

  if (!hasEmail) return <p className="muted">{t("noEmail")}</p>;
  return (
    <form className={styles.form} onSubmit={(e) => void save(e)}>
      <label>
        <input
          type="checkbox"
          checked={checked}
          onChange={(e) => {
            setChecked(e.target.checked);
            setStatus("idle");
          }}
        />{" "}
        {t("label")}
      </label>
      <p className="muted">{t("hint")}</p>
      <div>
        <button type="submit" className="button" disabled={status === "pending"} aria-busy={status === "pending"}>
          {t("save")}
        </button>{" "}
        <span role="status">{status === "done" ? t("saved") : status === "failed" ? t("failed") : ""}</span>
      </div>
    </form>
  );
}
