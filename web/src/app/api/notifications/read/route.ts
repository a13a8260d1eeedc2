/** POST /api/notifications/read {ids?} → {marked}: marks the caller's notifications read (all unread without ids). */
import { NextResponse } from "next/server";
import { markRead } from "@/features/qa/notifications.ts";
import { markReadSchema } from "@/features/qa/schemas.ts";
import { requireUser } from "@/server/auth.ts";
import { db } from "@/server/db.ts";
import { jsonBody, route } from "@/server/http.ts";

export const POST = route(async (req: Request) => {
  const user = await requireUser(req);
  const { ids } = await jsonBody(req, markReadSchema);
  return NextResponse.json({ marked: await markRead(db(), user.id, ids) });
});
