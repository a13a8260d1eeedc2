/** GET /api/school/classes/<id> — pupils and courses of a class the caller manages (404 otherwise). */
import { NextResponse } from "next/server";
import { classDetail } from "@/features/school/classes.ts";
import { requireUser } from "@/server/auth.ts";
import { db } from "@/server/db.ts";
import { route } from "@/server/http.ts";

type Ctx = { params: Promise<{ id: string }> };

export const GET = route(async (req: Request, ctx: Ctx) => {
  const user = await requireUser(req);
  return NextResponse.json(await classDetail(db(), user, (await ctx.params).id));
});
