/**
 * POST /api/certificates/verify — public: verifies a pasted credential JSON (body = the credential, or
 * `{ credential }`). Checks every proof offline (eddsa-rdfc-2022 / Ed25519Signature2020) and, for this
 * platform's certificates, the revocation status. 200 `{ valid, errors, issuer, id, trustedIssuer,
 * certificateId, revoked }`; never 4xx for an invalid signature (that is a result, not an error).
 */
import { NextResponse } from "next/server";
import { z } from "zod";
import { verifyPostedCredential } from "@/features/certificates/verify.ts";
import { appCertificateDeps } from "@/features/certificates/wiring.ts";
import { jsonBody, route } from "@/server/http.ts";

const credential = z.record(z.string(), z.unknown()).refine((c) => "@context" in c && "proof" in c, {
  message: "not a signed credential (needs @context and proof)",
});
const body = z.union([z.object({ credential }), credential]);

export const POST = route(async (req: Request) => {
  const parsed = await jsonBody(req, body);
  const vc = "credential" in parsed && typeof parsed.credential === "object" ? parsed.credential : parsed;
  return NextResponse.json(await verifyPostedCredential(appCertificateDeps(), vc as Record<string, unknown>));
});
