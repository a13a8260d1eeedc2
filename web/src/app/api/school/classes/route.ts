/**
 * GET /api/school/classes — the classes the caller manages (teachers: their own; school admins: all).
 * POST /api/school/classes {name} — a teacher creates a class (201; 409 when the name is taken).
 */
import { NextResponse } from "next/server";
import { createClass, listClasses } from "@/features/school/classes.ts";
import { createClassSchema } from "@/features/school/schemas.ts";
import { requireUser } from "@/server/auth.ts";
import { db } from "@/server/db.ts";
import { jsonBody, route } from "@/server/http.ts";

export const GET = route(async (req: Request) => {
  const user = await requireUser(req);
  return NextResponse.json({ classes: await listClasses(db(), user) });
});

export const POST = route(async (req: Request) => {
  const user = await requireUser(req);
  const input = await jsonBody(req, createClassSchema);
  return NextResponse.json(await createClass(db(), user, input.name), { status: 201 });
});
