/**
 * PUT /api/auth/account/content-language {language: "fr" | null} → 204. The signed-in user's preferred language of
 * course content (lesson translations); null follows the browser's Accept-Language.
 */
import { contentLanguagePreferenceSchema } from "@/features/translations/schemas.ts";
import { requireUser } from "@/server/auth.ts";
import { db } from "@/server/db.ts";
import { jsonBody, route } from "@/server/http.ts";

export const PUT = route(async (req: Request) => {
  const user = await requireUser(req);
  const { language } = await jsonBody(req, contentLanguagePreferenceSchema);
  await db().user.update({ where: { id: user.id }, data: { contentLanguage: language }, select: { id: true } });
  return new Response(null, { status: 204 });
});
