/**
 * Certificate lifecycle (one Certificate row per (user, course), unique):
 *
 *   completion hook → PENDING ─(worker: build + store artifacts, sign credential)─┬→ MINTING (wallet linked and
 *                                                                                   │   name chosen: outbox mint)
 *                                                                                   └→ CLAIMABLE (otherwise)
 *   CLAIMABLE ─(worker sees a linked wallet and the name choice)→ artifacts rebuilt for that wallet → MINTING
 *
 * Nothing is minted before the learner chose what the certificate says (`User.certificateNameConfirmedAt`,
 * set by {@link setShowName}: their name, or explicitly none) — a token's metadata is immutable, so it never
 * says "Certificate holder" by accident.
 *   MINTING ─(indexer: CertificateIssued, final)→ ISSUED (tokenId, ownerAddress)
 *   MINTING ─(mint tx FAILED / never queued; mint-watch.ts)→ CLAIMABLE (retry, new outbox key, ≤ 3 attempts)
 *   MINTING ─(revoke request)→ revokeReason recorded → revoked on chain once ISSUED, or REVOKED if the mint fails
 *   ISSUED ─(revoke request: outbox revokeCertificate; indexer: CertificateRevoked)→ REVOKED
 *   PENDING/CLAIMABLE ─(revoke request, nothing on chain)→ REVOKED at once
 *
 * The completion hook only inserts the row inside the learning transaction (no I/O); the worker loop
 * ({@link advanceCertificates}) does the storage writes and signing, then enqueues the mint in one
 * transaction with the status change. Claiming is poll-based: the loop picks up CLAIMABLE rows whose user
 * now has a linked wallet, so wallet linking (features/auth) needs no change.
 *
 * Offline mode (`deps.anchor === false`, OFFLINE_MODE=true): PENDING → CLAIMABLE with `issuedOffline` set —
 * the signed credential and PDF are final at once, nothing is enqueued. Once the instance runs with a chain
 * and a minter key, CLAIMABLE rows with a linked wallet are minted with their stored metadata CID and the
 * credential is kept as issued (not re-signed): "anchored later".
 */
import type { Prisma } from "@smolitux/db";
import { enqueue, mintCertificate, revokeCertificate } from "@/server/outbox/index.ts";
import { ApiError } from "@/server/http.ts";
import { hasRole, type SessionUser } from "@/server/auth.ts";
import { recordAudit } from "@/features/admin/audit.ts";
import { primaryWallet } from "@/features/enrollment/learner-address.ts";
import type { CompletionHookDeps, CourseCompletedEvent } from "@/features/learning/deps.ts";
import { buildArtifacts } from "./artifacts.ts";
import { MAX_MINT_ATTEMPTS, mintOutboxKey, revokeOutboxKey } from "./mint-watch.ts";
import type { CertificateDeps } from "./deps.ts";
import { enqueueUserMail } from "@/features/mail/outbox.ts";

/**
 * "Your certificate is ready" once its PDF and signed credential exist (the NFT may still be minting);
 * one mail per certificate (key `certificate:<id>`), also when a retried mint passes here again.
 */
async function enqueueCertificateMail(tx: Prisma.TransactionClient, userId: string, id: string, course: string) {
  await enqueueUserMail(tx, userId, `certificate:${id}`, "CERTIFICATE_ISSUED", { course, certificateId: id });
}

/**
 * The course-completed hook (features/learning `OnCourseCompleted`): records the certificate as PENDING
 * inside the completion transaction. Idempotent (unique (userId, courseId)).
 */
export async function onCourseCompleted(deps: CompletionHookDeps, event: CourseCompletedEvent): Promise<void> {
  await deps.db.certificate.createMany({
    data: [{ userId: event.userId, courseId: event.courseId, status: "PENDING", issuedAt: event.completedAt }],
    skipDuplicates: true,
  });
}

/** What one {@link advanceCertificates} pass did. */
export interface AdvanceSummary {
  minting: number;
  claimable: number;
  failed: number;
}

/**
 * Moves PENDING certificates, and CLAIMABLE ones whose learner linked a wallet, forward: builds and stores
 * the artifacts, then (one transaction) stores them and either enqueues the mint (→ MINTING) or marks the
 * certificate CLAIMABLE. Safe to re-run after a crash (deterministic artifacts, idempotent outbox key).
 * A failing certificate does not stop the pass: it is reported to `onError` and retried next pass.
 * @param opts.limit max certificates per pass (default 20)
 */
export async function advanceCertificates(
  deps: CertificateDeps,
  opts: { limit?: number; onError?: (certificateId: string, err: unknown) => void } = {},
): Promise<AdvanceSummary> {
  const summary: AdvanceSummary = { minting: 0, claimable: 0, failed: 0 };
  const rows = await deps.db.certificate.findMany({
    where: {
      OR: [
        { status: "PENDING" },
        ...(deps.anchor === false
          ? []
          : [
              {
                status: "CLAIMABLE" as const,
                mintAttempts: { lt: MAX_MINT_ATTEMPTS },
                user: { wallets: { some: {} }, certificateNameConfirmedAt: { not: null } },
              },
            ]),
      ],
    },
    orderBy: { issuedAt: "asc" },
    take: opts.limit ?? 20,
    select: { id: true },
  });
  for (const { id } of rows) {
    try {
      const status = await advanceOne(deps, id);
      if (status === "MINTING") summary.minting++;
      else if (status === "CLAIMABLE") summary.claimable++;
    } catch (err) {
      summary.failed++;
      opts.onError?.(id, err);
    }
  }
  return summary;
}

/** Advances one certificate; returns its new status (or null when it was not advanceable any more). */
export async function advanceOne(deps: CertificateDeps, id: string): Promise<"MINTING" | "CLAIMABLE" | null> {
  const cert = await deps.db.certificate.findUniqueOrThrow({
    where: { id },
    select: {
      id: true,
      status: true,
      userId: true,
      courseId: true,
      issuedAt: true,
      issuedOffline: true,
      mintAttempts: true,
      metadataCid: true,
      credential: true,
      user: { select: { name: true, certificateShowName: true, certificateNameConfirmedAt: true } },
      course: { select: { slug: true, title: true, subtitle: true } },
    },
  });
  if (cert.status !== "PENDING" && cert.status !== "CLAIMABLE") return null;
  const offline = deps.anchor === false;
  if (offline && cert.status === "CLAIMABLE") return null;
  // Minting waits for the learner's explicit name choice: until then the certificate stays CLAIMABLE.
  const linked = offline ? null : await primaryWallet(deps.db, cert.userId);
  const wallet = linked && cert.user.certificateNameConfirmedAt !== null ? linked : null;
  if (cert.status === "CLAIMABLE" && !wallet) return null;
  if (wallet && cert.status === "CLAIMABLE" && cert.issuedOffline && cert.metadataCid && cert.credential) {
    // Issued offline: anchor the credential as it was issued (same metadata CID), no re-signing.
    const metadataCid = cert.metadataCid;
    return deps.db.$transaction(async (tx) => {
      const n = await tx.certificate.updateMany({ where: { id, status: "CLAIMABLE" }, data: { status: "MINTING" } });
      if (n.count !== 1) return null;
      await enqueue(
        tx,
        {
          idempotencyKey: mintOutboxKey(id, cert.mintAttempts),
          ...mintCertificate(deps.contracts, { learner: wallet, courseDbId: cert.courseId, cid: metadataCid }),
        },
        deps.signerOf,
      );
      return "MINTING" as const;
    });
  }
  const displayName = cert.user.certificateShowName && cert.user.name?.trim() ? cert.user.name.trim() : null;
  const art = await buildArtifacts(deps, {
    certificateId: cert.id,
    course: { slug: cert.course.slug, title: cert.course.title, subtitle: cert.course.subtitle || null },
    completedAt: cert.issuedAt,
    displayName,
    wallet,
  });
  return deps.db.$transaction(async (tx) => {
    // The name is frozen between the check and the mint: under a share lock on the user row (a rename
    // waits), the name must still be the one the artifacts were built with — else retry next pass.
    const [now] = await tx.$queryRaw<{ name: string | null; certificateShowName: boolean }[]>`
      SELECT "name", "certificateShowName" FROM "User" WHERE "id" = ${cert.userId} FOR SHARE`;
    const currentName = now?.certificateShowName && now.name?.trim() ? now.name.trim() : null;
    if (currentName !== displayName) return null;
    const data: Prisma.CertificateUpdateManyMutationInput = {
      displayName,
      metadataCid: art.metadataCid,
      metadataKey: art.metadataKey,
      credential: art.credential as Prisma.InputJsonObject,
      issuedOffline: offline,
    };
    if (!wallet) {
      const n = await tx.certificate.updateMany({
        where: { id, status: cert.status },
        data: { ...data, status: "CLAIMABLE" },
      });
      if (n.count !== 1) return null;
      await enqueueCertificateMail(tx, cert.userId, id, cert.course.title);
      return "CLAIMABLE";
    }
    const n = await tx.certificate.updateMany({
      where: { id, status: cert.status },
      data: { ...data, status: "MINTING" },
    });
    if (n.count !== 1) return null;
    await enqueue(
      tx,
      {
        idempotencyKey: mintOutboxKey(id, cert.mintAttempts),
        ...mintCertificate(deps.contracts, { learner: wallet, courseDbId: cert.courseId, cid: art.metadataCid }),
      },
      deps.signerOf,
    );
    await enqueueCertificateMail(tx, cert.userId, id, cert.course.title);
    return "MINTING";
  });
}

/** Reason text limits (stored on-chain in the revoke call and the event). */
export const REVOKE_REASON_MAX = 200;

/**
 * Requests the revocation of a certificate (platform admin or the course's provider). An issued token is
 * revoked on-chain through the outbox (status becomes REVOKED when the indexer sees CertificateRevoked);
 * a certificate that was never minted is revoked at once. Audit-logged.
 * @returns the resulting status and, for on-chain revocation, the outbox row id
 * A certificate still MINTING records the request; it is revoked on chain once issued (or at once if
 * the mint fails) — see mint-watch.ts.
 * @throws ApiError not_found (unknown id), forbidden (not admin/provider), conflict (already revoked or
 *   revocation already requested)
 */
export async function requestRevocation(
  deps: CertificateDeps,
  actor: Pick<SessionUser, "id" | "roles">,
  id: string,
  reason: string,
): Promise<{ status: "REVOKED" | "REVOKING"; outboxId: string | null }> {
  return deps.db.$transaction(async (tx) => {
    const rows = await tx.$queryRaw<{ id: string }[]>`SELECT "id" FROM "Certificate" WHERE "id" = ${id} FOR UPDATE`;
    if (rows.length === 0) throw new ApiError("not_found", "Certificate not found.");
    const cert = await tx.certificate.findUniqueOrThrow({
      where: { id },
      select: { status: true, tokenId: true, revokeReason: true, course: { select: { providerId: true } } },
    });
    const isProvider = hasRole(actor, "PROVIDER") && cert.course.providerId === actor.id;
    if (!hasRole(actor, "PLATFORM_ADMIN") && !isProvider) {
      throw new ApiError("forbidden", "Only the course provider or a platform admin can revoke this certificate.");
    }
    if (cert.status === "REVOKED") throw new ApiError("conflict", "The certificate is already revoked.");
    const audit = (action: string, details: Prisma.InputJsonObject) =>
      recordAudit(tx, { actorId: actor.id, action, entity: "Certificate", entityId: id, details });
    if (cert.status === "MINTING") {
      // Revocation works in every state: recorded now; the mint watch revokes on chain once the token is
      // issued, or marks it REVOKED at once if the mint fails (see mint-watch.ts).
      if (cert.revokeReason !== null) throw new ApiError("conflict", "Revocation was already requested.");
      await tx.certificate.update({ where: { id }, data: { revokeReason: reason } });
      await audit("certificate.revoke_requested", { reason, whileMinting: true });
      return { status: "REVOKING", outboxId: null };
    }
    if (cert.status === "ISSUED" && cert.tokenId !== null) {
      if (cert.revokeReason !== null) throw new ApiError("conflict", "Revocation was already requested.");
      const tokenId = BigInt(cert.tokenId.toFixed(0));
      const row = await enqueue(
        tx,
        { idempotencyKey: revokeOutboxKey(id), ...revokeCertificate(deps.contracts, { tokenId, reason }) },
        deps.signerOf,
      );
      await tx.certificate.update({ where: { id }, data: { revokeReason: reason } });
      await audit("certificate.revoke_requested", { reason, tokenId: tokenId.toString(), outboxId: row.id });
      return { status: "REVOKING", outboxId: row.id };
    }
    await tx.certificate.update({
      where: { id },
      data: { status: "REVOKED", revokeReason: reason, revokedAt: deps.now() },
    });
    await audit("certificate.revoked", { reason, onChain: false });
    return { status: "REVOKED", outboxId: null };
  });
}

/**
 * Records the learner's explicit choice of what their certificates say: their name (`showName`, optionally
 * setting the account's display name to `name` first) or no name. The choice unlocks minting (see the module
 * comment) and applies to certificates not minted yet (PENDING/CLAIMABLE are rebuilt by the worker); minted
 * tokens keep their immutable metadata.
 * @param name the name to print (trimmed, 1–100 characters); omitted: the account's current name
 * @returns how many unminted certificates will be rebuilt
 * @throws ApiError validation (showName without any name on the account)
 */
export async function setShowName(
  deps: CertificateDeps,
  userId: string,
  showName: boolean,
  name?: string,
): Promise<number> {
  return deps.db.$transaction(async (tx) => {
    const user = await tx.user.findUniqueOrThrow({ where: { id: userId }, select: { name: true } });
    const printed = (name ?? user.name ?? "").trim();
    if (showName && printed === "") {
      throw new ApiError("validation_failed", "Enter the name to print on your certificates.", { name: "required" });
    }
    await tx.user.update({
      where: { id: userId },
      data: {
        certificateShowName: showName,
        certificateNameConfirmedAt: deps.now(),
        ...(name !== undefined && name.trim() !== "" ? { name: name.trim() } : {}),
      },
    });
    const n = await tx.certificate.updateMany({
      where: { userId, status: "CLAIMABLE" },
      data: { status: "PENDING" },
    });
    const pending = await tx.certificate.count({ where: { userId, status: "PENDING" } });
    return Math.max(n.count, pending);
  });
}
