/** `GET /api/courses` — public catalog search (published courses only); 400 `validation_failed` on bad params. */
import { NextResponse } from "next/server";
import { cachedSearchCourses } from "@/features/catalog/cached";
import { parseCatalogQuery, rawFromSearchParams } from "@/features/catalog/schemas";
import { CATALOG_CACHE_CONTROL, catalogPageJson } from "@/features/catalog/serialize";
import { db } from "@/server/db";
import { ApiError, route } from "@/server/http";

export const GET = route(async (req: Request) => {
  const { query, invalid } = parseCatalogQuery(rawFromSearchParams(new URL(req.url).searchParams));
  if (Object.keys(invalid).length > 0) throw new ApiError("validation_failed", "The query is invalid.", invalid);
  const page = await cachedSearchCourses(db(), query);
  return NextResponse.json(catalogPageJson(page), { headers: { "cache-control": CATALOG_CACHE_CONTROL } });
});
