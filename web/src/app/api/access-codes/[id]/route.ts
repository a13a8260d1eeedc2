/** DELETE /api/access-codes/<id> — revoke a code (204; idempotent). Provider of the course or an admin. */
import { revokeCode } from "@/features/access-codes/service.ts";
import { requireUser } from "@/server/auth.ts";
import { db } from "@/server/db.ts";
import { route } from "@/server/http.ts";

export const DELETE = route(async (req: Request, ctx: { params: Promise<{ id: string }> }) => {
  const user = await requireUser(req);
  const { id } = await ctx.params;
  await revokeCode(db(), user, id);
  return new Response(null, { status: 204 });
});
