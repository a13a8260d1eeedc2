/**
 * GET /api/notifications → {signedIn, unread, items}: the caller's latest notifications (the header bell). Anonymous
 * callers get `{signedIn: false, unread: 0, items: []}` (the bell is on every page, also static ones).
 */
import { NextResponse } from "next/server";
import { listNotifications, unreadCount } from "@/features/qa/notifications.ts";
import { getSessionUser } from "@/server/auth.ts";
import { db } from "@/server/db.ts";
import { route } from "@/server/http.ts";

export const GET = route(async (req: Request) => {
  const user = await getSessionUser(req);
  if (!user) return NextResponse.json({ signedIn: false, unread: 0, items: [] });
  const [unread, items] = await Promise.all([unreadCount(db(), user.id), listNotifications(db(), user.id, 10)]);
  return NextResponse.json({ signedIn: true, unread, items }, { headers: { "cache-control": "private, no-store" } });
});
