/**
 * POST /api/admin/enrollments {courseSlug, userEmail} — a school or platform admin assigns a learner to a
 * published course (enrollment source ADMIN, audit-logged). 201 when assigned, 200 when it already was.
 */
import { NextResponse } from "next/server";
import { assignLearner } from "@/features/admin/assignments.ts";
import { assignmentSchema } from "@/features/admin/schemas.ts";
import { requireUser } from "@/server/auth.ts";
import { db } from "@/server/db.ts";
import { jsonBody, route } from "@/server/http.ts";

export const POST = route(async (req: Request) => {
  const user = await requireUser(req);
  const input = await jsonBody(req, assignmentSchema);
  const result = await assignLearner(db(), user, input);
  return NextResponse.json(result, { status: result.changed ? 201 : 200 });
});
