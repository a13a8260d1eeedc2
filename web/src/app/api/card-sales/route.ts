/** GET /api/card-sales?course=<slug>&limit&cursor — card sales of the provider's own courses (admins: all); amounts in cents. */
import { NextResponse } from "next/server";
import { listCardSales } from "@/features/checkout/card/sales.ts";
import { cardSalesQuery } from "@/features/checkout/card/schemas.ts";
import { requireUser } from "@/server/auth.ts";
import { db } from "@/server/db.ts";
import { parseInput, route } from "@/server/http.ts";

export const dynamic = "force-dynamic";

export const GET = route(async (req: Request) => {
  const user = await requireUser(req);
  const query = parseInput(cardSalesQuery, Object.fromEntries(new URL(req.url).searchParams));
  return NextResponse.json(await listCardSales({ db: db() }, user, query));
});
