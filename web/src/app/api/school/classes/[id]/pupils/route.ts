/**
 * POST /api/school/classes/<id>/pupils {pupils: [{name, username}]} | {csv} — creates pupil accounts in bulk
 * (all or nothing) and returns their initial passwords ONCE: 201 {pupils: [{userId, name, username,
 * password}]}. 400 names each bad row/line, 409 lists taken usernames.
 */
import { NextResponse } from "next/server";
import { createPupils } from "@/features/school/pupils.ts";
import { bulkPupilsSchema } from "@/features/school/schemas.ts";
import { requireUser } from "@/server/auth.ts";
import { db } from "@/server/db.ts";
import { jsonBody, route } from "@/server/http.ts";

type Ctx = { params: Promise<{ id: string }> };

export const POST = route(async (req: Request, ctx: Ctx) => {
  const user = await requireUser(req);
  const input = await jsonBody(req, bulkPupilsSchema);
  const pupils = await createPupils(db(), user, (await ctx.params).id, input);
  return NextResponse.json({ pupils }, { status: 201, headers: { "cache-control": "no-store" } });
});
