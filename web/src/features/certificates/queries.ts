/** Read models of certificates for the owner's views (the PDF: pdf-store.ts). */
import { ApiError } from "@/server/http.ts";
import { hasRole, type SessionUser } from "@/server/auth.ts";
import type { CertificateDeps } from "./deps.ts";
import { certificateSummarySelect, toCertificateSummary, type CertificateSummary } from "./summary.ts";

/** One of the signed-in learner's certificates. */
export interface MyCertificate extends CertificateSummary {
  metadataCid: string | null;
}

/**
 * The learner's certificates, newest first, plus their name choice: `showName`, the account `name`, and
 * `nameConfirmed` (false until they chose — then nothing is minted).
 */
export async function myCertificates(
  deps: Pick<CertificateDeps, "db" | "appUrl">,
  userId: string,
): Promise<{ showName: boolean; name: string | null; nameConfirmed: boolean; certificates: MyCertificate[] }> {
  const [user, rows] = await Promise.all([
    deps.db.user.findUniqueOrThrow({
      where: { id: userId },
      select: { certificateShowName: true, name: true, certificateNameConfirmedAt: true },
    }),
    deps.db.certificate.findMany({
      where: { userId },
      orderBy: { issuedAt: "desc" },
      select: { ...certificateSummarySelect, metadataCid: true },
    }),
  ]);
  return {
    showName: user.certificateShowName,
    name: user.name,
    nameConfirmed: user.certificateNameConfirmedAt !== null,
    certificates: rows.map((r) => ({ ...toCertificateSummary(r, deps.appUrl), metadataCid: r.metadataCid })),
  };
}

/**
 * The signed credential of a certificate, for its owner or a platform admin.
 * @throws ApiError not_found (unknown, or not the caller's), conflict (still being issued)
 */
export async function credentialFor(
  deps: Pick<CertificateDeps, "db">,
  user: Pick<SessionUser, "id" | "roles">,
  id: string,
): Promise<Record<string, unknown>> {
  const cert = await deps.db.certificate.findUnique({ where: { id }, select: { userId: true, credential: true } });
  if (!cert || (cert.userId !== user.id && !hasRole(user, "PLATFORM_ADMIN"))) {
    throw new ApiError("not_found", "Certificate not found.");
  }
  if (cert.credential === null || typeof cert.credential !== "object" || Array.isArray(cert.credential)) {
    throw new ApiError("conflict", "The certificate is still being issued.");
  }
  return cert.credential as Record<string, unknown>;
}
