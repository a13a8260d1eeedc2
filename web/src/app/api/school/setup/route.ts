/**
 * POST /api/school/setup {schoolName, name, username, password} — first school admin of an offline instance
 * (features/school/setup.ts). 201 created; 403 when not in offline mode; 409 when already set up.
 */
import { NextResponse } from "next/server";
import { setupSchema } from "@/features/school/schemas.ts";
import { setupSchool } from "@/features/school/setup.ts";
import { db } from "@/server/db.ts";
import { env } from "@/server/env.ts";
import { jsonBody, route } from "@/server/http.ts";

export const POST = route(async (req: Request) => {
  const input = await jsonBody(req, setupSchema);
  const admin = await setupSchool(db(), input, { offline: env().OFFLINE_MODE });
  return NextResponse.json(admin, { status: 201 });
});
