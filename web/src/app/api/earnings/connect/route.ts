/**
 * POST /api/earnings/connect (no body) — the signed-in provider starts or continues Stripe Connect
 * onboarding: creates their Express account once and returns `{ url, accountId }` of a fresh hosted
 * onboarding page (201). 401 anonymous, 403 not a provider, 422 card payments disabled, 503 Stripe
 * unreachable or refusing (nothing stored; try again).
 */
import { NextResponse } from "next/server";
import Stripe from "stripe";
import { startConnectOnboarding } from "@/features/payouts/connect.ts";
import { connectDeps } from "@/features/payouts/wiring.ts";
import { requireRole, requireUser } from "@/server/auth.ts";
import { ApiError, route } from "@/server/http.ts";
import { cardPaymentsEnabled } from "@/server/stripe.ts";

export const dynamic = "force-dynamic";

export const POST = route(async (req: Request) => {
  const user = requireRole(await requireUser(req), "PROVIDER");
  if (!cardPaymentsEnabled()) throw new ApiError("unprocessable", "Card payouts are not available.");
  const deps = connectDeps();
  try {
    const { url, accountId } = await startConnectOnboarding(deps, user.id);
    return NextResponse.json({ url, accountId }, { status: 201, headers: { "cache-control": "no-store" } });
  } catch (err) {
    if (!(err instanceof Stripe.errors.StripeError)) throw err;
    deps.log.error("stripe connect onboarding failed", { userId: user.id, type: err.type, code: err.code });
    throw new ApiError("unavailable", "Stripe could not start the onboarding. Please try again in a minute.");
  }
});
