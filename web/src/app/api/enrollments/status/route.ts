/**
 * GET /api/enrollments/status?course=<slug> — "is it unlocked yet?" for the signed-in user:
 * `{course, enrolled, status, source}` (poll it after a purchase; never cached). 401 anonymous, 404 unknown course.
 */
import { NextResponse } from "next/server";
import { z } from "zod";
import { enrollmentStatusBySlug } from "@/features/enrollment/queries.ts";
import { requireUser } from "@/server/auth.ts";
import { db } from "@/server/db.ts";
import { parseInput, route } from "@/server/http.ts";

export const dynamic = "force-dynamic";

const query = z.object({ course: z.string().min(1).max(200) });

export const GET = route(async (req: Request) => {
  const user = await requireUser(req);
  const { course } = parseInput(query, Object.fromEntries(new URL(req.url).searchParams));
  const status = await enrollmentStatusBySlug(db(), user.id, course);
  return NextResponse.json(status, { headers: { "Cache-Control": "no-store" } });
});
