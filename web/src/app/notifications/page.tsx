/** /notifications: the signed-in user's in-app notifications (Q&A), newest first, with "mark all as read". */
import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { getFormatter, getTranslations } from "next-intl/server";
import { listNotifications } from "@/features/qa/notifications";
import { getSessionUser } from "@/server/auth";
import { db } from "@/server/db";
import { MarkAllRead } from "./_components/mark-all-read";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("qa.notifications"))("title") };
}

export default async function NotificationsPage() {
  const user = await getSessionUser();
  if (!user) redirect("/signin?callbackUrl=%2Fnotifications");
  const t = await getTranslations("qa.notifications");
  const format = await getFormatter();
  const items = await listNotifications(db(), user.id);
  return (
    <section>
      <h1>{t("title")}</h1>
      {items.some((n) => !n.read) && <MarkAllRead />}
      {items.length === 0 ? (
        <p className="muted">{t("empty")}</p>
      ) : (
        <ul className="notification-list">
          {items.map((n) => (
            <li key={n.id} data-testid="notification" className={n.read ? "read" : "unread"}>
              {!n.read && <span className="badge">{t("new")}</span>}{" "}
              <Link href={n.href}>
                {t(n.kind, { name: n.actorName || t("someone"), question: n.questionTitle, course: n.courseTitle })}
              </Link>{" "}
              <time className="muted" dateTime={n.createdAt}>
                {format.dateTime(new Date(n.createdAt), { dateStyle: "medium", timeStyle: "short" })}
              </time>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
