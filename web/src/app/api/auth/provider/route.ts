/**
 * POST /api/auth/provider {payoutAddress} — "Become a provider": adds PROVIDER to the signed-in user.
 * PUT /api/auth/provider {payoutAddress | null} — a provider changes the payout address (403 otherwise).
 * Both keep the database in agreement with the escrow contract: once a course of the user is listed on
 * chain, a different payout address is refused with 409 (field `payoutAddress`: `onchain_payout`) — it
 * moves only on /earnings with the current payout wallet's signature (POST/GET /api/earnings/payout-address).
 * 503 when the chain does not answer.
 */
import { NextResponse } from "next/server";
import { becomeProvider, setPayoutAddress } from "@/features/auth/account.ts";
import { earningsDeps } from "@/features/earnings/deps.ts";
import { assertPayoutChangeAgrees } from "@/features/earnings/payout-rotation.ts";
import { becomeProviderSchema, payoutAddressSchema } from "@/features/auth/schemas.ts";
import { requireRole, requireUser } from "@/server/auth.ts";
import { db } from "@/server/db.ts";
import { jsonBody, route } from "@/server/http.ts";

export const POST = route(async (req: Request) => {
  const user = await requireUser(req);
  const { payoutAddress } = await jsonBody(req, becomeProviderSchema);
  await assertPayoutChangeAgrees(db(), earningsDeps, user.id, payoutAddress);
  const roles = await becomeProvider(db(), user.id, payoutAddress);
  return NextResponse.json({ roles, payoutAddress });
});

export const PUT = route(async (req: Request) => {
  const user = requireRole(await requireUser(req), "PROVIDER");
  const { payoutAddress } = await jsonBody(req, payoutAddressSchema);
  await assertPayoutChangeAgrees(db(), earningsDeps, user.id, payoutAddress);
  await setPayoutAddress(db(), user.id, payoutAddress);
  return NextResponse.json({ payoutAddress });
});
