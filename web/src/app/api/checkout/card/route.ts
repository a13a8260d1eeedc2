/**
 * POST /api/checkout/card {courseSlug, currency: EUR|USD} — signed-in users start (or resume their one open)
 * Stripe Checkout; returns {url, sessionId, reused}.
 */
import { NextResponse } from "next/server";
import { createCardCheckout } from "@/features/checkout/card/checkout.ts";
import { cardCheckoutInput } from "@/features/checkout/card/schemas.ts";
import { cardDeps } from "@/features/checkout/card/wiring.ts";
import { requireUser } from "@/server/auth.ts";
import { ApiError, jsonBody, route } from "@/server/http.ts";
import { cardPaymentsEnabled } from "@/server/stripe.ts";

export const POST = route(async (req: Request) => {
  const user = await requireUser(req);
  const input = await jsonBody(req, cardCheckoutInput);
  if (!cardPaymentsEnabled()) throw new ApiError("unprocessable", "Card payments are not available.");
  const result = await createCardCheckout(cardDeps(), user.id, input);
  return NextResponse.json({ url: result.url, sessionId: result.sessionId, reused: result.reused }, { status: 201 });
});
