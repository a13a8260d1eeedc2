/**
 * Which message names a certificate status in the UI. In offline mode (a school without a chain) a CLAIMABLE
 * certificate is simply issued — its signed credential and PDF are final and nothing can be claimed with a wallet
 * — so pages say so instead of "link a wallet to receive the NFT" (message key `CLAIMABLE_OFFLINE`).
 */
export type CertificateStatusName = "PENDING" | "CLAIMABLE" | "MINTING" | "ISSUED" | "REVOKED";

/**
 * @param status the certificate's status
 * @param offline `env().OFFLINE_MODE`
 * @returns the key under a `statusName`-style message object (`CLAIMABLE_OFFLINE` offline, else the status)
 */
export function certificateStatusKey(
  status: CertificateStatusName,
  offline: boolean,
): CertificateStatusName | "CLAIMABLE_OFFLINE" {
  return offline && status === "CLAIMABLE" ? "CLAIMABLE_OFFLINE" : status;
}
