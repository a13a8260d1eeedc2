/**
 * POST /api/webhooks/stripe — Stripe event deliveries. Verifies the signature over the raw body,
 * stores each event once and processes it in one transaction (see features/checkout/card/webhook.ts).
 */
import { NextResponse } from "next/server";
import { handleStripeWebhook } from "@/features/checkout/card/webhook.ts";
import { cardDeps } from "@/features/checkout/card/wiring.ts";
import { ApiError, route } from "@/server/http.ts";
import { readBodyText, STRIPE_WEBHOOK_MAX_BYTES } from "@/server/security/body.ts";
import { cardPaymentsEnabled } from "@/server/stripe.ts";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const POST = route(
  async (req: Request) => {
    if (!cardPaymentsEnabled()) throw new ApiError("not_found", "Card payments are not enabled.");
    const rawBody = await readBodyText(req, STRIPE_WEBHOOK_MAX_BYTES);
    const result = await handleStripeWebhook(cardDeps(), rawBody, req.headers.get("stripe-signature"));
    return NextResponse.json(result.body, { status: result.status });
  },
  // Server-to-server (Stripe sends no Origin); every delivery is authenticated by its signature instead.
  { csrf: false, maxBodyBytes: STRIPE_WEBHOOK_MAX_BYTES },
);
