/**
 * GET /api/studio/storefront → {storefront | null}: the signed-in provider's storefront settings.
 * PUT /api/studio/storefront {slug, bio, logoId, primaryColor, accentColor, links, customDomain} → 200 {storefront}.
 * Providers only (403 otherwise); rules in features/storefronts/service.ts.
 */
import { NextResponse } from "next/server";
import { storefrontInputSchema } from "@/features/storefronts/schemas.ts";
import { myStorefront, saveStorefront } from "@/features/storefronts/service.ts";
import { requireUser } from "@/server/auth.ts";
import { db } from "@/server/db.ts";
import { env } from "@/server/env.ts";
import { ApiError, jsonBody, route } from "@/server/http.ts";

export const GET = route(async (req: Request) => {
  const user = await requireUser(req);
  if (!user.roles.includes("PROVIDER")) throw new ApiError("forbidden", "Only providers have a storefront.");
  return NextResponse.json({ storefront: await myStorefront(db(), user) });
});

export const PUT = route(async (req: Request) => {
  const user = await requireUser(req);
  if (!user.roles.includes("PROVIDER")) throw new ApiError("forbidden", "Only providers have a storefront.");
  const input = await jsonBody(req, storefrontInputSchema);
  const storefront = await saveStorefront(db(), user, input, new URL(env().APP_URL).hostname);
  return NextResponse.json({ storefront });
});
