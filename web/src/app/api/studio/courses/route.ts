/** GET /api/studio/courses — my courses; POST {title, subtitle, description, language, level, category, tags, coverId, coverAlt} — create a draft. */
import { NextResponse } from "next/server";
import { createCourse, listMyCourses } from "@/features/studio/courses.ts";
import { courseInputSchema } from "@/features/studio/schemas.ts";
import { studioActor } from "@/features/studio/server.ts";
import { db } from "@/server/db.ts";
import { storage } from "@/server/storage/index.ts";
import { jsonBody, route } from "@/server/http.ts";

export const GET = route(async (req: Request) => {
  const actor = await studioActor(req);
  return NextResponse.json({ courses: await listMyCourses(db(), actor) });
});

export const POST = route(async (req: Request) => {
  const actor = await studioActor(req);
  const input = await jsonBody(req, courseInputSchema);
  return NextResponse.json(await createCourse(db(), actor, input, storage()), { status: 201 });
});
