/**
 * Public verification page /verify/<id>: course, issuer, date, holder (only if opted in), the live
 * on-chain token (owner, locked, revoked) and the credential's signature check, with a clear VALID /
 * INVALID verdict and reasons. The owner gets the PDF and credential-JSON downloads; the course provider or an admin a
 * revoke form.
 */
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getFormatter, getTranslations } from "next-intl/server";
import { verifyCertificate } from "@/features/certificates/verify";
import { appCertificateDeps } from "@/features/certificates/wiring";
import { getSessionUser, hasRole } from "@/server/auth";
import { db } from "@/server/db";
import { env } from "@/server/env";
import { certificateStatusKey } from "@/features/certificates/status-label";
import { PdfDownload } from "@/app/certificates/_components/pdf-download";
import { RevokeForm } from "../_components/revoke-form";
import "../_components/verify.css";
import { LongValue } from "@/app/_components/long-value";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("certificates.verify");
  return { title: t("metaTitle"), robots: { index: false } };
}

export default async function VerifyPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const t = await getTranslations("certificates.verify");
  const format = await getFormatter();
  const v = await verifyCertificate(appCertificateDeps(), id);
  if (!v) notFound();
  const user = await getSessionUser();
  const row = await db().certificate.findUniqueOrThrow({
    where: { id },
    select: { userId: true, course: { select: { providerId: true } } },
  });
  const isOwner = user?.id === row.userId;
  const canRevoke =
    user !== null &&
    (hasRole(user, "PLATFORM_ADMIN") || (hasRole(user, "PROVIDER") && row.course.providerId === user.id));
  const pending = v.status === "PENDING" || v.status === "MINTING";
  const offline = env().OFFLINE_MODE;
  const date = (iso: string) => format.dateTime(new Date(iso), { dateStyle: "long", timeZone: "UTC" });
  const yesNo = (b: boolean | null) => (b === null ? "—" : b ? t("yes") : t("no"));

  return (
    <div className="verify">
      <h1>{t("title")}</h1>
      <section className={`verdict ${v.valid ? "ok" : "bad"}`} data-testid="verdict" data-valid={String(v.valid)}>
        <strong>{v.valid ? t("valid") : t("invalid")}</strong>
        <span>{v.valid ? t("validText") : pending ? t("pendingText") : t("invalidText")}</span>
        {v.reasons.length > 0 && (
          <ul aria-label={t("reasons")}>
            {v.reasons.map((r) => (
              <li key={r}>{r}</li>
            ))}
          </ul>
        )}
      </section>
      <dl className="facts">
        <dt>{t("course")}</dt>
        <dd data-testid="course">{v.course.title}</dd>
        <dt>{t("holder")}</dt>
        <dd>{v.displayName ?? t("anonymousHolder")}</dd>
        <dt>{t("issuer")}</dt>
        <dd>{v.issuer.name}</dd>
        <dt>{t("issuerDid")}</dt>
        <dd className="mono">{v.issuer.did ? <LongValue value={v.issuer.did} label={t("issuerDid")} /> : "—"}</dd>
        <dt>{t("date")}</dt>
        <dd>{date(v.issuedAt)}</dd>
        <dt>{t("status")}</dt>
        <dd data-testid="status" data-status={v.status}>
          {t(`statusName.${certificateStatusKey(v.status, offline)}`)}
          {v.revokedAt && <> · {t("revokedAt", { date: date(v.revokedAt) })}</>}
          {v.revokeReason && <> · {t("revokeReason", { reason: v.revokeReason })}</>}
          {v.revocationPending && <> · {t("revocationPending")}</>}
        </dd>
      </dl>
      <h2>{t("onChain")}</h2>
      {v.token ? (
        <dl className="facts" data-testid="token">
          <dt>{t("tokenId")}</dt>
          <dd className="mono">{v.token.tokenId}</dd>
          <dt>{t("contract")}</dt>
          <dd className="mono">
            <LongValue value={v.token.contract} label={t("contract")} /> (chain {v.token.chainId})
          </dd>
          <dt>{t("owner")}</dt>
          <dd className="mono">
            {v.token.owner ? <LongValue value={v.token.owner} label={t("owner")} /> : (v.token.error ?? "—")}
          </dd>
          <dt>{t("locked")}</dt>
          <dd>{yesNo(v.token.locked)}</dd>
          <dt>{t("revokedOnChain")}</dt>
          <dd>{yesNo(v.token.revoked)}</dd>
          <dt>{t("metadata")}</dt>
          <dd className="mono">
            {v.metadataUrl ? <a href={v.metadataUrl}>{v.token.tokenURI}</a> : (v.token.tokenURI ?? "—")}
          </dd>
        </dl>
      ) : (
        <p>{offline ? t("notMintedOffline") : t("notMinted")}</p>
      )}
      <h2>{t("credential")}</h2>
      {v.credential && (
        <p data-testid="credential" data-valid={String(v.credential.valid)}>
          {v.credential.valid ? t("signatureValid") : t("signatureInvalid")}
          {v.credential.trustedIssuer && <> · {t("trustedIssuer")}</>}
        </p>
      )}
      {isOwner && v.credential && (
        <p>
          <PdfDownload certificateId={v.id} label={t("downloadPdf")} />{" "}
          <a className="button" href={`/api/certificates/${encodeURIComponent(v.id)}/credential`} download>
            {t("downloadCredential")}
          </a>
        </p>
      )}
      {canRevoke && v.status !== "REVOKED" && !v.revocationPending && <RevokeForm certificateId={v.id} />}
    </div>
  );
}
