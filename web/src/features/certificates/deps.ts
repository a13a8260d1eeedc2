/** Dependencies of the certificates services (passed in; see wiring.ts for the app's instances). */
import type { Address, PublicClient } from "viem";
import type { PrismaClient } from "@smolitux/db";
import type { PlatformContracts } from "@/server/contracts.ts";
import type { SignerRole } from "@/server/keys.ts";
import type { StorageDriver } from "@/server/storage/types.ts";
import type { IssuerKey } from "./credential/keys.ts";

/** Everything the issuing, revoking and verifying services use. */
export interface CertificateDeps {
  db: PrismaClient;
  storage: StorageDriver;
  /** the credential issuer key (loaded lazily; throws MissingIssuerKeyError when not configured) */
  issuer: () => Promise<IssuerKey>;
  contracts: PlatformContracts;
  /** chain reads for verification */
  client: PublicClient;
  /** address of an outbox signer role */
  signerOf: (role: SignerRole) => Address;
  /** public base URL of the app, without trailing slash (verification links, QR codes) */
  appUrl: string;
  /** issuer display name (credential Profile, metadata, PDF) */
  issuerName: string;
  now: () => Date;
  /**
   * false in offline mode: certificates are issued (credential, PDF) and queued as CLAIMABLE for minting
   * later; nothing touches the chain or the outbox. Default true.
   */
  anchor?: boolean;
}

/** The platform name used as the certificate issuer. */
export const ISSUER_NAME = "Smolitux Academy";

/** Public verification URL of a certificate. */
export function verifyUrl(appUrl: string, certificateId: string): string {
  return `${appUrl.replace(/\/+$/, "")}/verify/${encodeURIComponent(certificateId)}`;
}

/** App URL of a stored certificate object (metadata JSON or badge SVG) by CID — the `ipfs://` gateway route. */
export function contentUrl(appUrl: string, cid: string): string {
  return `${appUrl.replace(/\/+$/, "")}/api/metadata/${cid}`;
}
