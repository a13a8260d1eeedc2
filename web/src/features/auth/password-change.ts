/**
 * A signed-in user changes the password (OWASP ASVS 4.0 §2.1.5/§3.3: the current password is required, and
 * the change ends every other session server-side).
 *
 * The new Argon2id hash replaces the old one only when the stored hash is still the one that was verified
 * (a concurrent change or reset wins, this one answers 409), and the same UPDATE bumps `User.sessionVersion`:
 * every session issued before — on any device — is refused from its next request on (server/auth.ts). The
 * caller may re-issue the current browser's session with the returned version (server/auth/session-refresh.ts).
 */
import type { PrismaClient } from "@smolitux/db";
import { recordAudit } from "@/features/admin/audit.ts";
import { ApiError } from "@/server/http.ts";
import { hashPassword, verifyPassword } from "./password.ts";
import type { ChangePasswordInput } from "./schemas.ts";

/**
 * Replaces the password of `userId` after checking the current one.
 * @returns the user's new session version (every session carrying an older one has ended)
 * @throws ApiError("validation_failed") → 400 with `fields.currentPassword = "wrong_password"` when the current
 *   password does not match; ApiError("conflict") → 409 with `fields.currentPassword = "no_password"` when the
 *   account has no password (wallet/OAuth accounts add one instead), or `fields.currentPassword = "changed"`
 *   when the password was changed concurrently; ApiError("not_found") when the user does not exist
 */
export async function changePassword(
  db: PrismaClient,
  userId: string,
  input: ChangePasswordInput,
): Promise<{ sessionVersion: number }> {
  const user = await db.user.findUnique({ where: { id: userId }, select: { passwordHash: true } });
  if (!user) throw new ApiError("not_found", "The account does not exist.");
  if (user.passwordHash === null) {
    throw new ApiError("conflict", "Your account has no password yet; add one instead.", {
      currentPassword: "no_password",
    });
  }
  if (!(await verifyPassword(user.passwordHash, input.currentPassword))) {
    throw new ApiError("validation_failed", "The current password is not correct.", {
      currentPassword: "wrong_password",
    });
  }
  const passwordHash = await hashPassword(input.newPassword);
  return db.$transaction(async (tx) => {
    const { count } = await tx.user.updateMany({
      where: { id: userId, passwordHash: user.passwordHash },
      data: { passwordHash, sessionVersion: { increment: 1 } },
    });
    if (count === 0) {
      throw new ApiError("conflict", "Your password was changed meanwhile; reload and try again.", {
        currentPassword: "changed",
      });
    }
    await recordAudit(tx, { actorId: userId, action: "auth.password_changed", entity: "User", entityId: userId });
    const { sessionVersion } = await tx.user.findUniqueOrThrow({
      where: { id: userId },
      select: { sessionVersion: true },
    });
    return { sessionVersion };
  });
}
