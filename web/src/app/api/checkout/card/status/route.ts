/** GET /api/checkout/card/status?session_id=cs_… — the buyer's checkout progress (pending → paid → recording → unlocked). */
import { NextResponse } from "next/server";
import { checkoutStatusQuery } from "@/features/checkout/card/schemas.ts";
import { checkoutStatus } from "@/features/checkout/card/status.ts";
import { requireUser } from "@/server/auth.ts";
import { db } from "@/server/db.ts";
import { parseInput, route } from "@/server/http.ts";

export const dynamic = "force-dynamic";

export const GET = route(async (req: Request) => {
  const user = await requireUser(req);
  const query = parseInput(checkoutStatusQuery, Object.fromEntries(new URL(req.url).searchParams));
  const view = await checkoutStatus({ db: db() }, user.id, query.session_id);
  return NextResponse.json(view, { headers: { "cache-control": "no-store" } });
});
