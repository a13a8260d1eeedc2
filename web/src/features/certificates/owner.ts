/** Read models of the learner's own certificate page and of the player's completion moment. */
import type { PrismaClient } from "@smolitux/db";
import { certificateSummarySelect, toCertificateSummary, type CertificateSummary } from "./summary.ts";

/** One certificate as its owner's page shows it. */
export interface OwnerCertificate extends CertificateSummary {
  /** whether the signed credential (and so the PDF) exists yet */
  hasCredential: boolean;
  /** the learner's name choice: account name, opt-in, and whether they chose explicitly (minting waits) */
  holder: { name: string | null; showName: boolean; confirmed: boolean };
}

/**
 * The certificate `id` if it belongs to `userId`, else null (no existence leak: the page then shows the
 * public verification instead).
 */
export async function ownerCertificate(
  db: PrismaClient,
  appUrl: string,
  userId: string,
  id: string,
): Promise<OwnerCertificate | null> {
  const c = await db.certificate.findUnique({
    where: { id },
    select: {
      ...certificateSummarySelect,
      userId: true,
      credential: true,
      user: { select: { name: true, certificateShowName: true, certificateNameConfirmedAt: true } },
    },
  });
  if (!c || c.userId !== userId) return null;
  return {
    ...toCertificateSummary(c, appUrl),
    hasCredential: c.credential !== null,
    holder: {
      name: c.user.name,
      showName: c.user.certificateShowName,
      confirmed: c.user.certificateNameConfirmedAt !== null,
    },
  };
}

/**
 * The completion moment of the player: set once the learner completed the course — when, and their
 * certificate's id (null while the completion hook's row is not there).
 */
export async function completionMoment(
  db: PrismaClient,
  userId: string,
  courseId: string,
): Promise<{ completedAt: string; certificateId: string | null } | null> {
  const [completion, certificate] = await Promise.all([
    db.courseCompletion.findUnique({ where: { userId_courseId: { userId, courseId } }, select: { completedAt: true } }),
    db.certificate.findUnique({ where: { userId_courseId: { userId, courseId } }, select: { id: true } }),
  ]);
  if (!completion) return null;
  return { completedAt: completion.completedAt.toISOString(), certificateId: certificate?.id ?? null };
}
