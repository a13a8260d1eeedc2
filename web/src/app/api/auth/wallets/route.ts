/**
 * POST /api/auth/wallets {message, signature} — link the SIWE-proven wallet to the signed-in account.
 * Enrollments from purchases made with that wallet are recomputed in the same transaction as the link.
 * 201 linked, 200 already yours, 401 anonymous, 409 linked to another account, 422 invalid proof.
 */
import { NextResponse } from "next/server";
import { siweProofSchema } from "@/features/auth/schemas.ts";
import { siweExpectations, verifySiweProof } from "@/features/auth/siwe.ts";
import { linkWallet } from "@/features/auth/wallets.ts";
import { reconcileUserEnrollments } from "@/features/enrollment/service.ts";
import { requireUser } from "@/server/auth.ts";
import { publicClient } from "@/server/chain.ts";
import { db } from "@/server/db.ts";
import { env } from "@/server/env.ts";
import { jsonBody, route } from "@/server/http.ts";

export const POST = route(async (req: Request) => {
  const user = await requireUser(req);
  const proof = await jsonBody(req, siweProofSchema);
  const e = env();
  const address = await verifySiweProof(db(), publicClient(), proof, siweExpectations(e.APP_URL, e.CHAIN_ID));
  // Purchases made earlier from this wallet unlock with the link, atomically (the indexer keys them by address).
  const { created } = await linkWallet(db(), user.id, address, {
    onChange: (tx) => reconcileUserEnrollments(tx, user.id),
  });
  return NextResponse.json({ address }, { status: created ? 201 : 200 });
});
