"use client";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { callApi } from "@/lib/api-client";
import styles from "../auth.module.css";
import { SaveRow, useSaveStatus } from "./save-status";

/**
 * E-mail notifications (PUT /api/auth/account/notifications): the opt-out of lesson Q&A e-mail. Accounts without
 * an e-mail address see why they get none.
 */
export function NotificationSettingsForm({ qaMail, hasEmail }: { qaMail: boolean; hasEmail: boolean }) {
  const t = useTranslations("auth.account.qaMail");
  const [checked, setChecked] = useState(qaMail);
  const { status, submit, reset } = useSaveStatus(() =>
    callApi("PUT", "/api/auth/account/notifications", { qaMail: checked }),
  );

  if (!hasEmail) return <p className="muted">{t("noEmail")}</p>;
  return (
    <form className={styles.form} onSubmit={submit}>
      <label>
        <input
          type="checkbox"
          checked={checked}
          onChange={(e) => {
            setChecked(e.target.checked);
            reset();
          }}
        />{" "}
        {t("label")}
      </label>
      <p className="muted">{t("hint")}</p>
      <SaveRow status={status} labels={{ save: t("save"), saved: t("saved"), failed: t("failed") }} />
    </form>
  );
}
