/** GET /api/admin/users?email=<e-mail> — a platform admin looks a user up for role management: `{id, email, name, roles}`. */
import { NextResponse } from "next/server";
import { findUserByEmail } from "@/features/admin/queries.ts";
import { userLookupSchema } from "@/features/admin/schemas.ts";
import { requireUser } from "@/server/auth.ts";
import { db } from "@/server/db.ts";
import { parseInput, route } from "@/server/http.ts";

export const dynamic = "force-dynamic";

export const GET = route(async (req: Request) => {
  const user = await requireUser(req);
  const { email } = parseInput(userLookupSchema, Object.fromEntries(new URL(req.url).searchParams));
  const found = await findUserByEmail(db(), user, email);
  return NextResponse.json(found, { headers: { "Cache-Control": "no-store" } });
});
