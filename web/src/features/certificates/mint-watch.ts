/**
 * Keeps MINTING bounded and revocation possible in every state (worker loop, before each
 * {@link advanceCertificates} pass):
 *
 * - A MINTING certificate whose mint transaction FAILED (reverted, or the outbox gave up) or was never
 *   queued goes back to CLAIMABLE with `mintAttempts + 1` and `mintError`; the next pass mints again under
 *   a NEW outbox key ({@link mintOutboxKey}). After {@link MAX_MINT_ATTEMPTS} failures it stays CLAIMABLE
 *   (no automatic retry; the error is kept for admins). A certificate whose revocation was requested
 *   while minting and whose mint failed is REVOKED at once — nothing is on chain.
 * - An ISSUED certificate with a requested revocation (`revokeReason`, e.g. requested during MINTING) and
 *   no revoke transaction yet gets `revokeCertificate` enqueued.
 * A CONFIRMED mint is left to the indexer (CertificateIssued → ISSUED), pending/sent ones to the outbox's
 * own replacement of stuck transactions.
 */
import { enqueue, revokeCertificate } from "@/server/outbox/index.ts";
import type { CertificateDeps } from "./deps.ts";

/** Failed mints after which a certificate is no longer minted automatically. */
export const MAX_MINT_ATTEMPTS = 3;

/** Outbox idempotency key of mint attempt `attempt` (0-based; attempt 0 keeps the historic key). */
export function mintOutboxKey(certificateId: string, attempt: number): string {
  return attempt === 0 ? `certificate:mint:${certificateId}` : `certificate:mint:${certificateId}:${attempt}`;
}

/** Outbox idempotency key of a certificate's revocation. */
export const revokeOutboxKey = (certificateId: string) => `certificate:revoke:${certificateId}`;

/** What one {@link watchMints} pass did. */
export interface MintWatchSummary {
  retried: number;
  revoked: number;
  revokesQueued: number;
}

/** One pass (see the module comment). */
export async function watchMints(
  deps: Pick<CertificateDeps, "db" | "contracts" | "signerOf" | "now">,
  limit = 50,
): Promise<MintWatchSummary> {
  const { db } = deps;
  const s: MintWatchSummary = { retried: 0, revoked: 0, revokesQueued: 0 };
  const minting = await db.certificate.findMany({
    where: { status: "MINTING" },
    take: limit,
    select: { id: true, mintAttempts: true, revokeReason: true },
  });
  for (const c of minting) {
    const tx = await db.outboxTx.findUnique({
      where: { idempotencyKey: mintOutboxKey(c.id, c.mintAttempts) },
      select: { status: true, lastError: true },
    });
    if (tx && tx.status !== "FAILED") continue;
    const error = tx ? (tx.lastError ?? "mint transaction failed") : "mint transaction was never queued";
    if (c.revokeReason !== null) {
      const n = await db.certificate.updateMany({
        where: { id: c.id, status: "MINTING", mintAttempts: c.mintAttempts },
        data: { status: "REVOKED", revokedAt: deps.now(), mintError: error.slice(0, 500) },
      });
      s.revoked += n.count;
      continue;
    }
    const n = await db.certificate.updateMany({
      where: { id: c.id, status: "MINTING", mintAttempts: c.mintAttempts },
      data: { status: "CLAIMABLE", mintAttempts: { increment: 1 }, mintError: error.slice(0, 500) },
    });
    s.retried += n.count;
  }

  const toRevoke = await db.$queryRaw<{ id: string; tokenId: string; revokeReason: string }[]>`
    SELECT c."id", c."tokenId"::text AS "tokenId", c."revokeReason"
    FROM "Certificate" c
    LEFT JOIN "OutboxTx" o ON o."idempotencyKey" = ${revokeOutboxKey("")}::text || c."id"
    WHERE c."status" = 'ISSUED' AND c."revokeReason" IS NOT NULL AND c."tokenId" IS NOT NULL AND o."id" IS NULL
    LIMIT ${limit}`;
  for (const c of toRevoke) {
    await enqueue(
      db,
      {
        idempotencyKey: revokeOutboxKey(c.id),
        ...revokeCertificate(deps.contracts, { tokenId: BigInt(c.tokenId), reason: c.revokeReason }),
      },
      deps.signerOf,
    );
    s.revokesQueued++;
  }
  return s;
}
