/**
 * GET /api/school/classes/<id>/progress?courseId=…[&format=csv] — per pupil and lesson: completion, quiz best
 * score / passed / attempts, course completion. JSON by default; `format=csv` downloads a CSV file.
 */
import { NextResponse } from "next/server";
import { z } from "zod";
import { classProgress, progressCsv } from "@/features/school/progress.ts";
import { requireUser } from "@/server/auth.ts";
import { db } from "@/server/db.ts";
import { parseInput, route } from "@/server/http.ts";

type Ctx = { params: Promise<{ id: string }> };
const query = z.object({
  courseId: z.string().min(1, "required").max(64),
  format: z.enum(["json", "csv"]).default("json"),
});

export const GET = route(async (req: Request, ctx: Ctx) => {
  const user = await requireUser(req);
  const q = parseInput(query, Object.fromEntries(new URL(req.url).searchParams));
  const p = await classProgress(db(), user, (await ctx.params).id, q.courseId);
  if (q.format === "json") return NextResponse.json(p, { headers: { "cache-control": "no-store" } });
  const file = `progress-${p.className}-${p.course.slug}.csv`.replace(/[^A-Za-z0-9._-]+/g, "_");
  return new NextResponse(progressCsv(p), {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="${file}"`,
      "cache-control": "no-store",
    },
  });
});
