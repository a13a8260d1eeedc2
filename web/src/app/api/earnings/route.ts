/**
 * GET /api/earnings — the signed-in provider's crypto earnings: per currency escrowed / releasable /
 * withdrawable / withdrawn (base units as decimal strings) and the sales still in escrow.
 * 401 anonymous, 403 not a provider.
 */
import { NextResponse } from "next/server";
import { earningsDeps } from "@/features/earnings/deps";
import { providerEarnings } from "@/features/earnings/service";
import { requireRole, requireUser } from "@/server/auth";
import { route } from "@/server/http";

export const dynamic = "force-dynamic";

export const GET = route(async (req: Request) => {
  const user = requireRole(await requireUser(req), "PROVIDER");
  return NextResponse.json(await providerEarnings(earningsDeps(), user.id), {
    headers: { "cache-control": "no-store" },
  });
});
