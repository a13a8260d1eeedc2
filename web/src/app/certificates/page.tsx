/**
 * /certificates: the signed-in learner's certificates (course, status, date of completion, link to each)
 * and the explicit choice of the name they show — asked first while it was never made (nothing is minted
 * before it).
 */
import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { getFormatter, getTranslations } from "next-intl/server";
import { myCertificates } from "@/features/certificates/queries";
import { appCertificateDeps } from "@/features/certificates/wiring";
import { certificateStatusKey } from "@/features/certificates/status-label";
import { certificateHref } from "@/features/certificates/links";
import { env } from "@/server/env";
import { getSessionUser } from "@/server/auth";
import { NameChoice } from "./_components/name-choice";
import "./_components/certificates.css";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("certificates.mine");
  return { title: t("title") };
}

export default async function CertificatesPage() {
  const user = await getSessionUser();
  if (!user) redirect(`/signin?callbackUrl=${encodeURIComponent("/certificates")}`);
  const t = await getTranslations("certificates");
  const format = await getFormatter();
  const mine = await myCertificates(appCertificateDeps(), user.id);
  const offline = env().OFFLINE_MODE;
  const choice = (
    <NameChoice
      initialName={mine.name ?? ""}
      initialShowName={mine.showName}
      confirmed={mine.nameConfirmed}
      offline={offline}
    />
  );
  return (
    <div>
      <h1>{t("mine.title")}</h1>
      {!mine.nameConfirmed && mine.certificates.length > 0 && choice}
      {mine.certificates.length === 0 ? (
        <p>
          {t("mine.empty")} <Link href="/courses">{t("page.browse")}</Link>
        </p>
      ) : (
        <ul className="certificate-list" data-testid="certificate-list">
          {mine.certificates.map((c) => (
            <li key={c.id} className="card" data-certificate={c.id}>
              <span>
                <Link href={certificateHref(c.id)}>
                  <strong>{c.course.title}</strong>
                </Link>
                <br />
                <span className="muted">
                  {t("page.completedOn", {
                    date: format.dateTime(new Date(c.issuedAt), { dateStyle: "long", timeZone: "UTC" }),
                  })}
                </span>
              </span>
              <span data-status={c.status}>{t(`verify.statusName.${certificateStatusKey(c.status, offline)}`)}</span>
            </li>
          ))}
        </ul>
      )}
      {mine.nameConfirmed && choice}
    </div>
  );
}
