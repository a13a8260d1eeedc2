/**
 * Status values of `Purchase.status` (the indexer's projection of `CourseMarketplace` purchases; they
 * mirror the contract's `PurchaseStatus` enum). Access is granted while a purchase is in
 * {@link ACCESS_PURCHASE_STATUSES}.
 */
export const PURCHASE_STATUS = {
  /** crypto payment held in escrow, refundable until `refundDeadline` */
  ESCROWED: "ESCROWED",
  /** escrow released to provider and treasury; access kept */
  RELEASED: "RELEASED",
  /** crypto purchase refunded; access removed */
  REFUNDED: "REFUNDED",
  /** card sale recorded by the payment oracle */
  CARD: "CARD",
  /** card sale refunded off-chain and revoked on-chain; access removed */
  CARD_REVOKED: "CARD_REVOKED",
} as const;

/** One purchase status. */
export type PurchaseStatus = (typeof PURCHASE_STATUS)[keyof typeof PURCHASE_STATUS];

/** Statuses that grant access to the course. */
export const ACCESS_PURCHASE_STATUSES: readonly PurchaseStatus[] = [
  PURCHASE_STATUS.ESCROWED,
  PURCHASE_STATUS.RELEASED,
  PURCHASE_STATUS.CARD,
];

/** `sourceRef` of an enrollment granted by a purchase: `purchase:<chainId>:<purchaseId>`. */
export function purchaseSourceRef(chainId: number, purchaseId: string): string {
  return `purchase:${chainId}:${purchaseId}`;
}
