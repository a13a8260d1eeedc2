"use client";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { useTranslations } from "next-intl";
import { useEffect, useState } from "react";

/** Window event that makes the bell reload its count (dispatched after marking notifications read). */
export const NOTIFICATIONS_CHANGED = "smolitux:notifications-changed";

/**
 * Header bell: the signed-in user's unread notifications count, linking to /notifications. Loads on the client from
 * GET /api/notifications (so static pages stay static); hidden for visitors.
 */
export function NotificationBell() {
  const t = useTranslations("qa.notifications");
  const pathname = usePathname();
  const [unread, setUnread] = useState<number | null>(null);
  useEffect(() => {
    let live = true;
    const load = () =>
      void fetch("/api/notifications", { credentials: "same-origin" })
        .then((r) => (r.ok ? (r.json() as Promise<{ signedIn: boolean; unread: number }>) : null))
        .then((d) => {
          if (live) setUnread(d?.signedIn ? d.unread : null);
        })
        .catch(() => undefined);
    load();
    window.addEventListener(NOTIFICATIONS_CHANGED, load);
    return () => {
      live = false;
      window.removeEventListener(NOTIFICATIONS_CHANGED, load);
    };
  }, [pathname]);
  if (unread === null) return null;
  return (
    <Link href="/notifications" className="notification-bell" data-testid="notification-bell">
      <svg
        aria-hidden="true"
        width="20"
        height="20"
        viewBox="0 0 24 24"
        fill="none"
        stroke="currentColor"
        strokeWidth="2"
      >
        <path d="M6 8a6 6 0 0 1 12 0c0 7 3 9 3 9H3s3-2 3-9" />
        <path d="M10.3 21a1.94 1.94 0 0 0 3.4 0" />
      </svg>
      <span className="sr-only">{t("bell", { count: unread })}</span>
      {unread > 0 && (
        <span className="badge" aria-hidden="true">
          {unread}
        </span>
      )}
    </Link>
  );
}
