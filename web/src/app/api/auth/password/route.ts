/**
 * POST /api/auth/password {email, password} — a wallet/OAuth account adds e-mail + password sign-in;
 * 429 + Retry-After after too many attempts per account.
 */
import { addPasswordSchema } from "@/features/auth/schemas.ts";
import { addPassword } from "@/features/auth/wallets.ts";
import { requireUser } from "@/server/auth.ts";
import { db } from "@/server/db.ts";
import { jsonBody, route } from "@/server/http.ts";
import { enforceRateLimits } from "@/server/rate-limit.ts";

export const POST = route(async (req: Request) => {
  const user = await requireUser(req);
  await enforceRateLimits(db(), [["passwordPerAccount", user.id]]);
  const input = await jsonBody(req, addPasswordSchema);
  await addPassword(db(), user.id, input);
  return new Response(null, { status: 204 });
});
