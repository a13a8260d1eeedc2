/** POST /api/school/teachers {name, username, password} — a school admin creates a teacher account (201; 409 taken). */
import { NextResponse } from "next/server";
import { createTeacher } from "@/features/school/pupils.ts";
import { createTeacherSchema } from "@/features/school/schemas.ts";
import { requireUser } from "@/server/auth.ts";
import { db } from "@/server/db.ts";
import { jsonBody, route } from "@/server/http.ts";

export const POST = route(async (req: Request) => {
  const user = await requireUser(req);
  const input = await jsonBody(req, createTeacherSchema);
  return NextResponse.json(await createTeacher(db(), user, input), { status: 201 });
});
