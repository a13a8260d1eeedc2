/** The one shape of a certificate in its owner's views (certificate page, list): columns read and their mapping. */
import type { Prisma } from "@smolitux/db";
import { verifyUrl } from "./deps.ts";

/** What every owner view shows of a certificate. */
export interface CertificateSummary {
  id: string;
  status: "PENDING" | "CLAIMABLE" | "MINTING" | "ISSUED" | "REVOKED";
  /** the name printed on it; null = no name ("Certificate holder") or not built yet */
  displayName: string | null;
  course: { title: string; slug: string };
  /** date of completion, ISO 8601 UTC */
  issuedAt: string;
  tokenId: string | null;
  /** the public verification page */
  verifyUrl: string;
}

/** The columns {@link toCertificateSummary} needs (spread into a certificate `select`). */
export const certificateSummarySelect = {
  id: true,
  status: true,
  displayName: true,
  issuedAt: true,
  tokenId: true,
  course: { select: { title: true, slug: true } },
} as const satisfies Prisma.CertificateSelect;

type SummaryRow = Prisma.CertificateGetPayload<{ select: typeof certificateSummarySelect }>;

/** Maps a row read with {@link certificateSummarySelect}; `appUrl` = APP_URL (for the verification link). */
export function toCertificateSummary(row: SummaryRow, appUrl: string): CertificateSummary {
  return {
    id: row.id,
    status: row.status,
    displayName: row.displayName,
    course: row.course,
    issuedAt: row.issuedAt.toISOString(),
    tokenId: row.tokenId?.toFixed(0) ?? null,
    verifyUrl: verifyUrl(appUrl, row.id),
  };
}
