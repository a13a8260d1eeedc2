/**
 * POST /api/checkout/wallet-purchases {txHash} — the buy box reports a mined wallet purchase of the
 * signed-in user. When the paying wallet is not linked to the account, a notice is stored so the dashboard
 * and the course page explain where the purchase went and offer linking (issue 10 §3.1). Verified on-chain
 * (the receipt's PurchaseRecorded log); grants nothing. 200 {notice, learner}; 401 anonymous; 404 unknown
 * transaction or no purchase in it; 422 without a chain (offline mode).
 */
import { NextResponse } from "next/server";
import { z } from "zod";
import { reportWalletPurchase } from "@/features/checkout/crypto/unlinked-purchases.ts";
import { requireUser } from "@/server/auth.ts";
import { publicClient } from "@/server/chain.ts";
import { platformContracts } from "@/server/contracts.ts";
import { db } from "@/server/db.ts";
import { chainEnabled, env } from "@/server/env.ts";
import { ApiError, jsonBody, route } from "@/server/http.ts";

const body = z.object({ txHash: z.string().regex(/^0x[0-9a-fA-F]{64}$/, "a transaction hash") });

export const POST = route(async (req: Request) => {
  const user = await requireUser(req);
  const { txHash } = await jsonBody(req, body);
  const e = env();
  if (!chainEnabled(e)) throw new ApiError("unprocessable", "Wallet purchases are not available offline.");
  const result = await reportWalletPurchase(
    { db: db(), client: publicClient(), contracts: platformContracts(e.CHAIN_ID) },
    user.id,
    txHash as `0x${string}`,
  );
  return NextResponse.json(result);
});
