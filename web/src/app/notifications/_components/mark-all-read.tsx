"use client";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { callApi } from "@/lib/api-client";
import { NOTIFICATIONS_CHANGED } from "@/app/_components/notification-bell";

/** "Mark all as read" (POST /api/notifications/read). */
export function MarkAllRead() {
  const t = useTranslations("qa.notifications");
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  return (
    <button
      type="button"
      className="button secondary"
      disabled={busy}
      aria-busy={busy}
      onClick={() => {
        setBusy(true);
        void callApi("POST", "/api/notifications/read", {}).then(() => {
          setBusy(false);
          window.dispatchEvent(new Event(NOTIFICATIONS_CHANGED));
          router.refresh();
        });
      }}
    >
      {t("markAll")}
    </button>
  );
}
