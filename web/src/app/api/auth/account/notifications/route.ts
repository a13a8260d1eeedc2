/**
 * PUT /api/auth/account/notifications {qaMail: boolean} → 204. Whether the signed-in account receives lesson Q&A by
 * e-mail (a question on its course, an answer to its question; features/qa/mail.ts). In-app notifications stay.
 */
import { qaMailPreferenceSchema } from "@/features/qa/schemas.ts";
import { requireUser } from "@/server/auth.ts";
import { db } from "@/server/db.ts";
import { jsonBody, route } from "@/server/http.ts";

export const PUT = route(async (req: Request) => {
  const user = await requireUser(req);
  const { qaMail } = await jsonBody(req, qaMailPreferenceSchema);
  await db().user.update({ where: { id: user.id }, data: { qaMail }, select: { id: true } });
  return new Response(null, { status: 204 });
});
