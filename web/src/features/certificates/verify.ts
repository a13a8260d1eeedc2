/**
 * Public verification of a certificate: the database row (course, issuer, date, status), the on-chain
 * token read live through viem (owner, ERC-5192 `locked`, `certificateInfo.revoked`, `tokenURI`), and the
 * signature of the stored Open Badges credential. (A credential pasted by anyone: verify-posted.ts.)
 *
 * A certificate is VALID when it is not revoked (neither in the index nor on-chain), its credential's
 * proof verifies with this platform's issuer key, its id is this certificate's verification URL, and — once minted — the token exists, is
 * locked, is owned by the recorded address and points at the recorded metadata CID.
 */
import { getAddress, type Address } from "viem";
import { verifyCredentialSignature, type SignatureCheck } from "./credential/vc.ts";
import { contentUrl, verifyUrl, type CertificateDeps } from "./deps.ts";

/** Live on-chain state of a certificate token. */
export interface TokenState {
  contract: Address;
  chainId: number;
  tokenId: string;
  owner: Address | null;
  locked: boolean | null;
  revoked: boolean | null;
  tokenURI: string | null;
  /** read error, when the chain could not be read */
  error: string | null;
}

/** The verification view of a certificate (public; no e-mail, no user id). */
export interface CertificateVerification {
  id: string;
  valid: boolean;
  /** why it is invalid (empty when valid) */
  reasons: string[];
  status: "PENDING" | "CLAIMABLE" | "MINTING" | "ISSUED" | "REVOKED";
  course: { title: string; slug: string };
  issuer: { name: string; did: string | null };
  /** completion date, ISO-8601 UTC */
  issuedAt: string;
  displayName: string | null;
  revokedAt: string | null;
  revokeReason: string | null;
  /** revocation requested but not yet final on chain */
  revocationPending: boolean;
  token: TokenState | null;
  credential: (SignatureCheck & { trustedIssuer: boolean }) | null;
  metadataUrl: string | null;
  verifyUrl: string;
}

async function readToken(deps: CertificateDeps, tokenId: bigint): Promise<TokenState> {
  const c = deps.contracts.CourseCertificate;
  const base = { contract: c.address, chainId: deps.contracts.chainId, tokenId: tokenId.toString() };
  try {
    const read = <T>(functionName: "ownerOf" | "locked" | "certificateInfo" | "tokenURI") =>
      deps.client.readContract({ address: c.address, abi: c.abi, functionName, args: [tokenId] }) as Promise<T>;
    const [owner, locked, info, tokenURI] = await Promise.all([
      read<Address>("ownerOf"),
      read<boolean>("locked"),
      read<{ revoked: boolean }>("certificateInfo"),
      read<string>("tokenURI"),
    ]);
    return { ...base, owner: getAddress(owner), locked, revoked: info.revoked, tokenURI, error: null };
  } catch (err) {
    const message =
      err instanceof Error ? ((err as { shortMessage?: string }).shortMessage ?? err.message) : String(err);
    return { ...base, owner: null, locked: null, revoked: null, tokenURI: null, error: message };
  }
}

/** `issuer.name` of a credential (Open Badges 3.0 Profile), or null. */
function signedIssuerName(credential: object): string | null {
  const issuer = (credential as { issuer?: unknown }).issuer;
  const name = issuer && typeof issuer === "object" ? (issuer as { name?: unknown }).name : undefined;
  return typeof name === "string" && name.trim() !== "" ? name : null;
}

/**
 * Verifies a certificate by id.
 * @returns null when there is no such certificate
 */
export async function verifyCertificate(deps: CertificateDeps, id: string): Promise<CertificateVerification | null> {
  const cert = await deps.db.certificate.findUnique({
    where: { id },
    select: {
      id: true,
      status: true,
      displayName: true,
      metadataCid: true,
      tokenId: true,
      ownerAddress: true,
      credential: true,
      issuedAt: true,
      revokedAt: true,
      revokeReason: true,
      course: { select: { title: true, slug: true } },
    },
  });
  if (!cert) return null;
  const reasons: string[] = [];
  const issuerDid = await deps
    .issuer()
    .then((k) => k.did)
    .catch(() => null);

  let credential: CertificateVerification["credential"] = null;
  let issuerName = deps.issuerName;
  if (cert.credential && typeof cert.credential === "object" && !Array.isArray(cert.credential)) {
    const check = await verifyCredentialSignature(cert.credential as Record<string, unknown>);
    const ourDid = issuerDid !== null && check.issuer === issuerDid;
    // "issued by this platform" only when OUR key's proof verifies, never for a bad proof claiming our DID.
    const trustedIssuer = check.valid && ourDid;
    credential = { ...check, trustedIssuer };
    // The issuer name is the one signed into the credential (a school's name from its branding), not today's.
    if (trustedIssuer) issuerName = signedIssuerName(cert.credential) ?? issuerName;
    if (!check.valid) reasons.push(`credential signature invalid: ${check.errors.join("; ")}`);
    else if (!ourDid) reasons.push("signed by another issuer — not issued here");
    else if (check.id !== verifyUrl(deps.appUrl, cert.id))
      reasons.push("the credential belongs to another certificate");
  } else reasons.push("the certificate is still being issued");

  let token: TokenState | null = null;
  if (cert.tokenId !== null) {
    token = await readToken(deps, BigInt(cert.tokenId.toFixed(0)));
    if (token.error) reasons.push(`on-chain token could not be read: ${token.error}`);
    else {
      if (token.revoked) reasons.push("revoked on-chain");
      if (token.locked !== true) reasons.push("token is not locked (not soulbound)");
      if (cert.ownerAddress && token.owner !== getAddress(cert.ownerAddress)) reasons.push("token owner differs");
      if (cert.metadataCid && token.tokenURI !== `ipfs://${cert.metadataCid}`) reasons.push("token metadata differs");
    }
  }
  if (cert.status === "REVOKED" && !reasons.includes("revoked on-chain")) reasons.unshift("revoked");
  if (cert.status === "REVOKED" && cert.revokeReason) reasons.push(`reason: ${cert.revokeReason}`);

  return {
    id: cert.id,
    valid: reasons.length === 0,
    reasons,
    status: cert.status,
    course: cert.course,
    issuer: { name: issuerName, did: issuerDid },
    issuedAt: cert.issuedAt.toISOString(),
    displayName: cert.displayName,
    revokedAt: cert.revokedAt?.toISOString() ?? null,
    revokeReason: cert.revokeReason,
    revocationPending: cert.status === "ISSUED" && cert.revokeReason !== null && token?.revoked !== true,
    token,
    credential,
    metadataUrl: cert.metadataCid ? contentUrl(deps.appUrl, cert.metadataCid) : null,
    verifyUrl: verifyUrl(deps.appUrl, cert.id),
  };
}
