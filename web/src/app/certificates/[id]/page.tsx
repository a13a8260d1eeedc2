/**
 * /certificates/<id>: the owner's certificate — who it names, status, and everything to show it: PDF,
 * credential JSON, the public share link (/verify/<id>) with a QR code, and "Add to LinkedIn" (LinkedIn's
 * add-certification form, filled). Asks for the name first while the learner never chose it. Anyone else
 * is sent to the public verification page.
 */
import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { getFormatter, getTranslations } from "next-intl/server";
import { ownerCertificate } from "@/features/certificates/owner";
import { linkedInAddUrl, qrSvgDataUrl } from "@/features/certificates/share";
import { ISSUER_NAME } from "@/features/certificates/deps";
import { certificateStatusKey } from "@/features/certificates/status-label";
import { getBranding } from "@/features/school/branding";
import { LongValue } from "@/app/_components/long-value";
import { getSessionUser } from "@/server/auth";
import { db } from "@/server/db";
import { env } from "@/server/env";
import { NameChoice } from "../_components/name-choice";
import { PdfDownload } from "../_components/pdf-download";
import "../_components/certificates.css";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ id: string }> };

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("certificates.page");
  return { title: t("metaTitle"), robots: { index: false } };
}

export default async function CertificatePage({ params }: Props) {
  const { id } = await params;
  const publicPage = `/verify/${encodeURIComponent(id)}`;
  const user = await getSessionUser();
  if (!user) redirect(publicPage);
  const cert = /^[a-z0-9]{10,40}$/.test(id) ? await ownerCertificate(db(), env().APP_URL, user.id, id) : null;
  if (!cert) redirect(publicPage);
  const t = await getTranslations("certificates");
  const format = await getFormatter();
  const offline = env().OFFLINE_MODE;
  const branding = await getBranding(db());
  const issuedAt = new Date(cert.issuedAt);
  const linkedIn = linkedInAddUrl({
    name: cert.course.title,
    organizationName: branding.name ?? ISSUER_NAME,
    issuedAt,
    certUrl: cert.verifyUrl,
    certId: cert.id,
  });
  const qr = await qrSvgDataUrl(cert.verifyUrl);
  const ready = cert.hasCredential;
  const api = `/api/certificates/${encodeURIComponent(cert.id)}`;
  return (
    <div>
      <p className="muted">
        <Link href="/certificates">{t("mine.title")}</Link>
      </p>
      <h1>{cert.course.title}</h1>
      {!cert.holder.confirmed && (
        <NameChoice
          initialName={cert.holder.name ?? ""}
          initialShowName={cert.holder.showName}
          confirmed={false}
          offline={offline}
        />
      )}
      <div className="certificate-page">
        <div>
          <dl className="facts">
            <dt>{t("verify.holder")}</dt>
            <dd data-testid="holder">
              {cert.displayName ??
                (cert.holder.confirmed && cert.holder.showName && cert.holder.name
                  ? cert.holder.name
                  : t("verify.anonymousHolder"))}
            </dd>
            <dt>{t("verify.date")}</dt>
            <dd>{format.dateTime(issuedAt, { dateStyle: "long", timeZone: "UTC" })}</dd>
            <dt>{t("verify.status")}</dt>
            <dd data-testid="certificate-status" data-status={cert.status}>
              {t(`verify.statusName.${certificateStatusKey(cert.status, offline)}`)}
            </dd>
          </dl>
          {!cert.holder.confirmed && (
            <p className="notice">{offline ? t("page.waitingForNameOffline") : t("page.waitingForName")}</p>
          )}
          <h2>{t("page.download")}</h2>
          {ready ? (
            <p className="certificate-actions">
              <PdfDownload certificateId={cert.id} label={t("verify.downloadPdf")} />
              <a className="button secondary" href={`${api}/credential`} download>
                {t("verify.downloadCredential")}
              </a>
            </p>
          ) : (
            <p className="muted">{t("page.preparing")}</p>
          )}
          <h2>{t("page.share")}</h2>
          <p className="muted">{t("page.shareHint")}</p>
          <p data-testid="share-link">
            <LongValue value={cert.verifyUrl} href={publicPage} label={t("page.shareLink")} />
          </p>
          <p className="certificate-actions">
            {/* offline: the verify link is a LAN address nobody on LinkedIn can open */}
            {!offline && (
              <a className="button" href={linkedIn} target="_blank" rel="noopener noreferrer" data-testid="linkedin">
                {t("page.linkedIn")}
              </a>
            )}
            <Link className="button secondary" href={publicPage}>
              {t("page.openPublic")}
            </Link>
          </p>
        </div>
        <figure className="certificate-qr">
          {/* eslint-disable-next-line @next/next/no-img-element -- an inline SVG data: URL, nothing to optimise */}
          <img src={qr} alt={t("page.qrAlt")} width={240} height={240} data-testid="certificate-qr" />
          <figcaption className="muted">{t("page.qrCaption")}</figcaption>
        </figure>
      </div>
    </div>
  );
}
