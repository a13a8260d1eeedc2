/**
 * GET /api/auth/account → the signed-in account (profile, roles, wallets).
 * PATCH /api/auth/account {name} — change the display name.
 */
import { NextResponse } from "next/server";
import { getAccountOverview, updateProfile } from "@/features/auth/account.ts";
import { profileSchema } from "@/features/auth/schemas.ts";
import { requireUser } from "@/server/auth.ts";
import { db } from "@/server/db.ts";
import { ApiError, jsonBody, route } from "@/server/http.ts";

export const GET = route(async (req: Request) => {
  const user = await requireUser(req);
  const account = await getAccountOverview(db(), user.id);
  if (!account) throw new ApiError("not_found", "The account does not exist.");
  return NextResponse.json({ account });
});

export const PATCH = route(async (req: Request) => {
  const user = await requireUser(req);
  const input = await jsonBody(req, profileSchema);
  await updateProfile(db(), user.id, input);
  return new Response(null, { status: 204 });
});
