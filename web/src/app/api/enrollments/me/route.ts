/** GET /api/enrollments/me — the signed-in user's enrollments (ACTIVE and REVOKED), newest first. 401 anonymous. */
import { NextResponse } from "next/server";
import { listMyEnrollments } from "@/features/enrollment/queries.ts";
import { requireUser } from "@/server/auth.ts";
import { db } from "@/server/db.ts";
import { route } from "@/server/http.ts";

export const dynamic = "force-dynamic";

export const GET = route(async (req: Request) => {
  const user = await requireUser(req);
  return NextResponse.json({ enrollments: await listMyEnrollments(db(), user.id) });
});
