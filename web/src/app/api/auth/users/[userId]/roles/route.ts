/** PATCH /api/auth/users/<userId>/roles {add?, remove?} — platform admins grant/revoke roles (audited). */
import { NextResponse } from "next/server";
import { changeRoles } from "@/features/auth/account.ts";
import { roleChangeSchema } from "@/features/auth/schemas.ts";
import { requireRole, requireUser } from "@/server/auth.ts";
import { db } from "@/server/db.ts";
import { jsonBody, route } from "@/server/http.ts";

export const PATCH = route(async (req: Request, ctx: { params: Promise<{ userId: string }> }) => {
  const admin = requireRole(await requireUser(req), "PLATFORM_ADMIN");
  const change = await jsonBody(req, roleChangeSchema);
  const roles = await changeRoles(db(), admin.id, (await ctx.params).userId, change);
  return NextResponse.json({ roles });
});
