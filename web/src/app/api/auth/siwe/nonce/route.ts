/**
 * POST /api/auth/siwe/nonce → 201 {nonce, expiresAt}: a single-use EIP-4361 nonce (10 minutes); 429 +
 * Retry-After after too many nonces for one client address.
 */
import { NextResponse } from "next/server";
import { issueNonce } from "@/features/auth/siwe.ts";
import { db } from "@/server/db.ts";
import { route } from "@/server/http.ts";
import { enforceRateLimits } from "@/server/rate-limit.ts";
import { requestAddress } from "@/server/security/client-ip.ts";

export const POST = route(async (req: Request) => {
  await enforceRateLimits(db(), [["siweNoncePerAddress", requestAddress(req.headers)]]);
  const { nonce, expiresAt } = await issueNonce(db());
  return NextResponse.json(
    { nonce, expiresAt: expiresAt.toISOString() },
    { status: 201, headers: { "cache-control": "no-store" } },
  );
});
