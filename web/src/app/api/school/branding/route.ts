/** PUT /api/school/branding {name, primaryColor, accentColor} — a school admin sets the school's name and colours (#rrggbb). */
import { NextResponse } from "next/server";
import { brandingSchema, updateBranding } from "@/features/school/branding.ts";
import { requireUser } from "@/server/auth.ts";
import { db } from "@/server/db.ts";
import { jsonBody, route } from "@/server/http.ts";

export const PUT = route(async (req: Request) => {
  const user = await requireUser(req);
  const input = await jsonBody(req, brandingSchema);
  return NextResponse.json(await updateBranding(db(), user, input));
});
