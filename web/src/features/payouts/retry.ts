/**
 * Retry of a provider transfer that gave up (issue 15, /admin "Card payouts"). A platform admin puts a
 * FAILED `StripeTransfer` back to PENDING, due now; the `connect-transfers` loop then makes ONE more
 * attempt (attempt n + 1, a fresh idempotency key `transfer:<row>:<n+1>`, after first looking the
 * transfer up by its `transfer_group`, so a transfer Stripe did create is never paid twice). If that
 * attempt fails too the row is FAILED again (it is past `maxAttempts`) and can be retried again.
 * Idempotent: a row already PENDING (retried, not sent yet) is left as is; audit-logged
 * (`payout.transfer_retried`) in the same transaction as the change.
 */
import type { PrismaClient } from "@smolitux/db";
import { z } from "zod";
import { isPlatformAdmin, type AdminActor } from "@/features/admin/access.ts";
import { recordAudit } from "@/features/admin/audit.ts";
import { ApiError } from "@/server/http.ts";

/** A StripeTransfer id as it appears in URLs (cuid). */
export const transferIdSchema = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[a-z0-9]+$/);

/** Outcome of {@link retryFailedTransfer}. */
export interface RetryResult {
  transfer: { id: string; status: "PENDING"; attempts: number };
  /** false when the row was already PENDING (a repeated click): nothing changed, nothing audited */
  changed: boolean;
}

/**
 * Schedules one more attempt of the FAILED transfer `transferId`.
 * @param now wall clock of the new attempt (tests)
 * @throws ApiError forbidden (not a platform admin), not_found (no such transfer), conflict (the transfer
 *   was sent, reversed or canceled, or its card sale is no longer paid — e.g. refunded meanwhile)
 */
export async function retryFailedTransfer(
  db: PrismaClient,
  actor: AdminActor,
  transferId: string,
  now: Date = new Date(),
): Promise<RetryResult> {
  if (!isPlatformAdmin(actor)) throw new ApiError("forbidden", "You are not allowed to do this.");
  return db.$transaction(async (tx) => {
    // Row lock: two admins (or two clicks) retrying at once serialize here; one of them changes the row.
    const locked = await tx.$queryRaw<{ id: string }[]>`
      SELECT "id" FROM "StripeTransfer" WHERE "id" = ${transferId} FOR UPDATE`;
    if (locked.length === 0) throw new ApiError("not_found", "Transfer not found.");
    const row = await tx.stripeTransfer.findUniqueOrThrow({
      where: { id: transferId },
      select: {
        id: true,
        status: true,
        attempts: true,
        lastError: true,
        cardPaymentId: true,
        providerId: true,
        cardPayment: { select: { status: true } },
      },
    });
    if (row.status === "PENDING") {
      return { transfer: { id: row.id, status: "PENDING", attempts: row.attempts }, changed: false };
    }
    if (row.status !== "FAILED") {
      throw new ApiError(
        "conflict",
        `This transfer is ${row.status.toLowerCase()}; only failed transfers are retried.`,
      );
    }
    if (row.cardPayment.status !== "PAID") {
      throw new ApiError("conflict", "The card sale is no longer paid (refunded); nothing is transferred.");
    }
    await tx.stripeTransfer.update({
      where: { id: row.id },
      data: { status: "PENDING", nextAttemptAt: now },
    });
    await recordAudit(tx, {
      actorId: actor.id,
      action: "payout.transfer_retried",
      entity: "StripeTransfer",
      entityId: row.id,
      details: {
        cardPaymentId: row.cardPaymentId,
        providerId: row.providerId,
        attempts: row.attempts,
        lastError: row.lastError,
      },
    });
    return { transfer: { id: row.id, status: "PENDING", attempts: row.attempts }, changed: true };
  });
}
