/**
 * POST /api/auth/password-reset/confirm {token, password} → 204: the new password is set and every session
 * of the account ends; 400 `fields.token = invalid_token` for an unknown, used or expired link, field errors
 * for the password; 429 + Retry-After after too many attempts from one client address.
 */
import { resetPassword } from "@/features/auth/account-mail.ts";
import { passwordResetSchema } from "@/features/auth/schemas.ts";
import { db } from "@/server/db.ts";
import { jsonBody, route } from "@/server/http.ts";
import { enforceRateLimits } from "@/server/rate-limit.ts";
import { requestAddress } from "@/server/security/client-ip.ts";

export const POST = route(async (req: Request) => {
  await enforceRateLimits(db(), [["resetConfirmPerAddress", requestAddress(req.headers)]]);
  const input = await jsonBody(req, passwordResetSchema);
  await resetPassword(db(), input.token, input.password);
  return new Response(null, { status: 204 });
});
