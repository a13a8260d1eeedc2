/**
 * Verification of a credential JSON pasted by anyone (POST /api/certificates/verify).
 *
 * Verdicts:
 * - `VALID` — every proof verifies, the issuer is THIS platform's issuer DID, the credential id is our verification
 *   URL of an existing certificate whose learner exists, and the certificate is not revoked.
 * - `FOREIGN` — the proofs verify but the issuer is another DID: "signed by another issuer — not issued here".
 *   Never shown as valid.
 * - `INVALID` — anything else: a bad or missing proof (also when it claims our DID), a revoked certificate, or a
 *   credential with our DID that does not name a certificate of ours.
 *
 * Malformed input (ids, issuer or subject ids that are not URIs, over-long strings) is rejected by
 * {@link postedCredentialSchema} with 400 before any cryptography runs.
 */
import { z } from "zod";
import { verifyCredentialSignature, type SignatureCheck } from "./credential/vc.ts";
import { verifyUrl, type CertificateDeps } from "./deps.ts";

/** An absolute URI (URL or DID), at most 2048 characters, without whitespace or control characters. */
const uri = z
  .string()
  .max(2048)
  .refine((s) => {
    if (!/^[a-z][a-z0-9+.-]*:[^\s\u0000-\u001f\u007f]+$/i.test(s)) return false;
    try {
      new URL(s);
      return true;
    } catch {
      return false;
    }
  }, "must be an absolute URL or DID");

const issuer = z.union([uri, z.looseObject({ id: uri })]);

/**
 * A pasted signed credential: a JSON object with `@context`, `proof`, an `issuer` (URI or `{ id }`), and — when
 * present — a URI `id` and `credentialSubject.id`. Other members are checked by the signature verification.
 */
export const postedCredentialSchema = z.looseObject({
  "@context": z.union([z.string().max(2048), z.array(z.unknown()).max(50)]),
  proof: z.union([z.record(z.string(), z.unknown()), z.array(z.record(z.string(), z.unknown())).max(10)]),
  issuer,
  id: uri.optional(),
  credentialSubject: z
    .union([z.looseObject({ id: uri.optional() }), z.array(z.looseObject({ id: uri.optional() })).max(10)])
    .optional(),
});

/** The verdict of a pasted credential (see the module comment). */
export type PostedVerdict = "VALID" | "FOREIGN" | "INVALID";

/** Result of verifying a pasted credential. */
export interface PostedCredentialVerification extends SignatureCheck {
  verdict: PostedVerdict;
  /** true only for the VALID verdict: our issuer key, existing and unrevoked certificate */
  trustedIssuer: boolean;
  /** our certificate id, when the credential id is one of our verification URLs of an existing certificate */
  certificateId: string | null;
  revoked: boolean;
}

/** Our certificate id from a verification URL, or null (not ours, or not decodable). */
function certificateIdOf(appUrl: string, credentialId: string | null): string | null {
  const prefix = verifyUrl(appUrl, "");
  if (!credentialId?.startsWith(prefix)) return null;
  try {
    const id = decodeURIComponent(credentialId.slice(prefix.length));
    return /^[A-Za-z0-9_-]{1,64}$/.test(id) ? id : null;
  } catch {
    return null;
  }
}

/**
 * Verifies a pasted credential (already parsed with {@link postedCredentialSchema}); offline, never throws for a
 * bad credential (problems are in `errors`).
 */
export async function verifyPostedCredential(
  deps: CertificateDeps,
  credential: Record<string, unknown>,
): Promise<PostedCredentialVerification> {
  const check = await verifyCredentialSignature(credential);
  const ourDid = await deps
    .issuer()
    .then((k) => k.did)
    .catch(() => null);
  const ours = ourDid !== null && check.issuer === ourDid;
  const errors = [...check.errors];
  let certificateId = certificateIdOf(deps.appUrl, check.id);
  let revoked = false;
  if (certificateId) {
    const row = await deps.db.certificate.findUnique({
      where: { id: certificateId },
      select: { status: true }, // the learner exists: Certificate.userId is a cascading foreign key
    });
    if (!row) certificateId = null;
    else revoked = row.status === "REVOKED";
  }
  let verdict: PostedVerdict;
  if (!check.valid) verdict = "INVALID";
  else if (!ours) {
    verdict = "FOREIGN";
    errors.push("signed by another issuer — not issued here");
  } else if (!certificateId) {
    verdict = "INVALID";
    errors.push("no certificate with this id was issued here");
  } else if (revoked) {
    verdict = "INVALID";
    errors.push("the certificate was revoked");
  } else verdict = "VALID";
  return {
    ...check,
    valid: verdict === "VALID",
    errors,
    verdict,
    trustedIssuer: verdict === "VALID",
    certificateId,
    revoked,
  };
}
