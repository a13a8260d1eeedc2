/**
 * Learner dashboard: enrolled courses (revoked ones marked with the reason), progress, resume link,
 * completion and certificate status; a refund button for courses bought with a wallet; purchases made
 * from a wallet not linked to the account, with the link button.
 */
import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { getFormatter, getTranslations } from "next-intl/server";
import { dashboardCourses, type DashboardCourse } from "@/features/learning/dashboard";
import { courseHref } from "@/features/catalog/links";
import { getSessionUser } from "@/server/auth";
import { db } from "@/server/db";
import { linkedWallets } from "@/features/auth/wallets";
import { unlinkedPurchases } from "@/features/checkout/crypto/unlinked-purchases";
import { env } from "@/server/env";
import { RefundButton } from "./_components/refund-button";
import { UnlinkedPurchases } from "./_components/unlinked-purchases";
import "./_components/dashboard.css";
import { certificateStatusKey } from "@/features/certificates/status-label";
import { certificateHref } from "@/features/certificates/links";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("learning.dashboard");
  return { title: t("metaTitle") };
}

export default async function DashboardPage() {
  const user = await getSessionUser();
  if (!user) redirect(`/signin?callbackUrl=${encodeURIComponent("/dashboard")}`);
  const t = await getTranslations("learning.dashboard");
  const [courses, wallets, unlinked] = await Promise.all([
    dashboardCourses(db(), user.id),
    linkedWallets(db(), user.id),
    unlinkedPurchases(db(), user.id),
  ]);
  return (
    <div>
      <h1>{t("title")}</h1>
      <UnlinkedPurchases purchases={unlinked} chainId={env().CHAIN_ID} />
      <Certificates items={courses} />
      {courses.length === 0 && unlinked.length === 0 ? (
        <p>
          {t("empty")} <Link href="/courses">{t("browse")}</Link>
        </p>
      ) : (
        <ul className="dashboard-list">
          {courses.map((c) => (
            <CourseItem key={c.course.id} item={c} wallets={wallets} />
          ))}
        </ul>
      )}
    </div>
  );
}

async function CourseItem({ item, wallets }: { item: DashboardCourse; wallets: string[] }) {
  const t = await getTranslations("learning.dashboard");
  const format = await getFormatter();
  const date = (iso: string) => format.dateTime(new Date(iso), { dateStyle: "medium" });
  const revoked = item.status === "REVOKED";
  const resumeHref = item.resumeLessonId
    ? `/learn/${encodeURIComponent(item.course.slug)}/${encodeURIComponent(item.resumeLessonId)}`
    : null;
  return (
    <li className="card" data-course={item.course.slug}>
      <h2>
        <Link href={courseHref(item.course.slug)}>{item.course.title}</Link>
      </h2>
      <p className="muted">
        {t(`source.${item.source}`)} · {t("enrolledAt", { date: date(item.enrolledAt) })}
      </p>
      {revoked ? (
        <p role="status">
          <strong>{t("revoked")}</strong>
          {" — "}
          {t("revokedReason", {
            date: item.revokedAt ? date(item.revokedAt) : "",
            reason: item.lostWithChainReset ? t("reason.chainReset") : t(`reason.${item.source}`),
          })}
        </p>
      ) : (
        <>
          <p>
            <progress
              className="progress-bar"
              max={100}
              value={item.progressPercent}
              aria-label={t("progressLabel", { title: item.course.title })}
            />{" "}
            <span className="course-progress">{t("progress", { ratio: item.progressPercent / 100 })}</span>
          </p>
          {item.completedAt && <p>{t("completed", { date: date(item.completedAt) })}</p>}
          <p>
            {t("certificate.label")}:{" "}
            {item.certificateStatus && item.certificateId ? (
              <Link href={certificateHref(item.certificateId)} data-testid="dashboard-certificate">
                {t(`certificate.${certificateStatusKey(item.certificateStatus, env().OFFLINE_MODE)}`)}
              </Link>
            ) : item.completedAt ? (
              t("certificate.notIssued")
            ) : (
              t("certificate.none")
            )}
          </p>
          {resumeHref && (
            <p>
              {item.completedAt ? (
                <Link className="button secondary" href={resumeHref}>
                  {t("completedAction")}
                </Link>
              ) : (
                <Link className="button" href={resumeHref}>
                  {item.progressPercent > 0 ? t("resume") : t("start")}
                </Link>
              )}
            </p>
          )}
          {item.source === "CRYPTO" && <RefundButton courseDbId={item.course.id} accountWallets={wallets} />}
        </>
      )}
    </li>
  );
}

/** The learner's certificates (completed courses), each linked to its page; nothing before the first. */
async function Certificates({ items }: { items: DashboardCourse[] }) {
  const t = await getTranslations("learning.dashboard");
  const withCertificate = items.filter((c) => c.certificateId !== null);
  if (withCertificate.length === 0) return null;
  return (
    <section aria-labelledby="dashboard-certificates" data-testid="dashboard-certificates">
      <h2 id="dashboard-certificates">{t("certificates")}</h2>
      <ul>
        {withCertificate.map((c) => (
          <li key={c.certificateId}>
            <Link href={certificateHref(c.certificateId)}>{c.course.title}</Link> ·{" "}
            {t(`certificate.${certificateStatusKey(c.certificateStatus!, env().OFFLINE_MODE)}`)}
          </li>
        ))}
      </ul>
      <p>
        <Link href="/certificates">{t("allCertificates")}</Link>
      </p>
    </section>
  );
}
