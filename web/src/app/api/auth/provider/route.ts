/**
 * POST /api/auth/provider {payoutAddress} — "Become a provider": adds PROVIDER to the signed-in user.
 * PUT /api/auth/provider {payoutAddress | null} — a provider changes the payout address (403 otherwise).
 */
import { NextResponse } from "next/server";
import { becomeProvider, setPayoutAddress } from "@/features/auth/account.ts";
import { becomeProviderSchema, payoutAddressSchema } from "@/features/auth/schemas.ts";
import { requireRole, requireUser } from "@/server/auth.ts";
import { db } from "@/server/db.ts";
import { jsonBody, route } from "@/server/http.ts";

export const POST = route(async (req: Request) => {
  const user = await requireUser(req);
  const { payoutAddress } = await jsonBody(req, becomeProviderSchema);
  const roles = await becomeProvider(db(), user.id, payoutAddress);
  return NextResponse.json({ roles, payoutAddress });
});

export const PUT = route(async (req: Request) => {
  const user = requireRole(await requireUser(req), "PROVIDER");
  const { payoutAddress } = await jsonBody(req, payoutAddressSchema);
  await setPayoutAddress(db(), user.id, payoutAddress);
  return NextResponse.json({ payoutAddress });
});
