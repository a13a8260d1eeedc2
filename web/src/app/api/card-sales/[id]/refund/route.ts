/** POST /api/card-sales/<id>/refund — the course's provider or a platform admin refunds a paid card sale via Stripe. */
import { NextResponse } from "next/server";
import { refundCardSale } from "@/features/checkout/card/sales.ts";
import { cardDeps } from "@/features/checkout/card/wiring.ts";
import { requireUser } from "@/server/auth.ts";
import { ApiError, route } from "@/server/http.ts";
import { cardPaymentsEnabled } from "@/server/stripe.ts";

export const POST = route(async (req: Request, ctx: { params: Promise<{ id: string }> }) => {
  const user = await requireUser(req);
  if (!cardPaymentsEnabled()) throw new ApiError("unprocessable", "Card payments are not available.");
  const { id } = await ctx.params;
  if (!/^[a-z0-9]{1,64}$/i.test(id)) throw new ApiError("not_found", "Card sale not found.");
  const result = await refundCardSale(cardDeps(), user, id);
  return NextResponse.json(result, { status: 202 });
});
