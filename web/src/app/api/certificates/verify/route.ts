/**
 * POST /api/certificates/verify — public: verifies a pasted credential JSON (body = the credential, or
 * `{ credential }`). Checks every proof offline (eddsa-rdfc-2022 / Ed25519Signature2020), the issuer (our key or
 * another's) and, for this platform's certificates, existence and revocation. 200 `{ verdict: "VALID" | "FOREIGN" |
 * "INVALID", valid, errors, issuer, id, trustedIssuer, certificateId, revoked }` (see verify-posted.ts); an invalid
 * signature is a result, not an error. 400 for input that is not a credential or has malformed ids/URLs.
 */
import { NextResponse } from "next/server";
import { z } from "zod";
import { postedCredentialSchema, verifyPostedCredential } from "@/features/certificates/verify-posted.ts";
import { appCertificateDeps } from "@/features/certificates/wiring.ts";
import { jsonBody, route } from "@/server/http.ts";

const body = z.union([z.strictObject({ credential: postedCredentialSchema }), postedCredentialSchema]);

export const POST = route(async (req: Request) => {
  const parsed = await jsonBody(req, body);
  const vc = "credential" in parsed && !("proof" in parsed) ? parsed.credential : parsed;
  return NextResponse.json(await verifyPostedCredential(appCertificateDeps(), vc as Record<string, unknown>));
});
