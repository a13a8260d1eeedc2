/** GET /api/learning/me — the signed-in learner's courses with progress (the dashboard's data). */
import { NextResponse } from "next/server";
import { dashboardCourses } from "@/features/learning/dashboard.ts";
import { requireUser } from "@/server/auth.ts";
import { db } from "@/server/db.ts";
import { route } from "@/server/http.ts";

export const GET = route(async (req: Request) => {
  const user = await requireUser(req);
  return NextResponse.json({ courses: await dashboardCourses(db(), user.id) });
});
