/** POST /api/auth/siwe/nonce → 201 {nonce, expiresAt}: a single-use EIP-4361 nonce (10 minutes). */
import { NextResponse } from "next/server";
import { issueNonce } from "@/features/auth/siwe.ts";
import { db } from "@/server/db.ts";
import { route } from "@/server/http.ts";

export const POST = route(async () => {
  const { nonce, expiresAt } = await issueNonce(db());
  return NextResponse.json(
    { nonce, expiresAt: expiresAt.toISOString() },
    { status: 201, headers: { "cache-control": "no-store" } },
  );
});
