/** `GET /api/courses/<slug>` — a published course with its curriculum (no lesson bodies); 404 `not_found`. */
import { NextResponse } from "next/server";
import { z } from "zod";
import { courseBySlug } from "@/features/catalog/queries";
import { CATALOG_CACHE_CONTROL, courseDetailJson } from "@/features/catalog/serialize";
import { db } from "@/server/db";
import { ApiError, parseInput, route } from "@/server/http";

const params = z.object({ slug: z.string().regex(/^[a-z0-9][a-z0-9-]{0,127}$/, "must be a course slug") });

export const GET = route(async (_req: Request, ctx: { params: Promise<{ slug: string }> }) => {
  const { slug } = parseInput(params, await ctx.params);
  const course = await courseBySlug(db(), slug);
  if (!course) throw new ApiError("not_found", "No published course has this slug.");
  return NextResponse.json(courseDetailJson(course), { headers: { "cache-control": CATALOG_CACHE_CONTROL } });
});
