/**
 * Whether a learner may refund a crypto purchase, from the on-chain `purchaseOf(learner, courseId)` struct.
 * Mirrors `CourseMarketplace.refund`'s checks so the UI can disable the button with the reason.
 */

/** `ICourseMarketplace.PurchaseStatus` (enum order of the contract). */
export const PURCHASE_STATUS = ["None", "Escrowed", "Refunded", "Released", "Card", "CardRevoked"] as const;
/** One purchase status name. */
export type PurchaseStatusName = (typeof PURCHASE_STATUS)[number];

/** The on-chain purchase fields this module reads (viem's decoded `purchaseOf` tuple). */
export interface OnchainPurchase {
  token: `0x${string}`;
  /** Unix seconds */
  refundDeadline: number;
  status: number;
  amount: bigint;
  buyer: `0x${string}`;
  id: number;
}

/** Why a refund is not possible. */
export type RefundBlocker = "no_purchase" | "not_escrowed" | "window_closed" | "certificate_issued";

/** Refund eligibility: allowed, or blocked with the reason. `deadline` in Unix seconds. */
export type RefundEligibility =
  { ok: true; deadline: number } | { ok: false; reason: RefundBlocker; deadline?: number };

/** Status name of an on-chain status number ("None" for out-of-range values). */
export function purchaseStatusName(status: number): PurchaseStatusName {
  return PURCHASE_STATUS[status] ?? "None";
}

/**
 * @param purchase `purchaseOf(learner, courseId)`
 * @param nowSeconds current chain time (latest block timestamp), Unix seconds
 * @param certificateId `CourseCertificate.certificateOf(learner, courseId)` (0 = none)
 */
export function refundEligibility(
  purchase: OnchainPurchase,
  nowSeconds: number,
  certificateId: bigint,
): RefundEligibility {
  const status = purchaseStatusName(purchase.status);
  if (status === "None") return { ok: false, reason: "no_purchase" };
  if (status !== "Escrowed") return { ok: false, reason: "not_escrowed" };
  if (nowSeconds >= purchase.refundDeadline)
    return { ok: false, reason: "window_closed", deadline: purchase.refundDeadline };
  if (certificateId !== 0n) return { ok: false, reason: "certificate_issued", deadline: purchase.refundDeadline };
  return { ok: true, deadline: purchase.refundDeadline };
}
