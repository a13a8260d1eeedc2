/**
 * POST /api/access-codes {courseId, count 1..1000, maxUses?, expiresAt?} — create codes (201; the
 * plaintext codes appear only in this response). GET /api/access-codes?courseId= — list (no plaintext).
 * Provider of the course, SCHOOL_ADMIN or PLATFORM_ADMIN; 401 anonymous, 403 others, 404 unknown course.
 */
import { NextResponse } from "next/server";
import { createCodesSchema, listCodesQuery } from "@/features/access-codes/schemas.ts";
import { createCodes, listCodes } from "@/features/access-codes/service.ts";
import { requireUser } from "@/server/auth.ts";
import { db } from "@/server/db.ts";
import { jsonBody, parseInput, route } from "@/server/http.ts";

export const POST = route(async (req: Request) => {
  const user = await requireUser(req);
  const input = await jsonBody(req, createCodesSchema);
  const codes = await createCodes(db(), user, input);
  return NextResponse.json({ codes }, { status: 201 });
});

export const GET = route(async (req: Request) => {
  const user = await requireUser(req);
  const { courseId } = parseInput(listCodesQuery, Object.fromEntries(new URL(req.url).searchParams));
  return NextResponse.json({ codes: await listCodes(db(), user, courseId) });
});
