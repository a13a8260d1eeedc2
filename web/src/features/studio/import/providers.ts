/** Provider accounts for imported courses. */
import type { PrismaClient, Role } from "@smolitux/db";

/**
 * Finds the user with `email` (creating it without a password when missing) and makes sure it has `roles`.
 * Idempotent. Existing names are not overwritten.
 *
 * `emailVerified: true` is for the demo seed only: its accounts use reserved `example.org` addresses nobody can
 * receive mail at, so "confirm your e-mail" could never be acted on. It sets `User.emailVerified` when the account is
 * created and, for accounts of older databases, when it is still unset (never moves an existing timestamp). Never
 * pass it for an address someone may own: a confirmed address lets a verified OpenID Connect sign-in with that
 * address link to the account (features/auth/oauth.ts).
 * @returns the user id
 */
export async function ensureUser(
  db: PrismaClient,
  user: { email: string; name: string; roles: Role[]; emailVerified?: boolean },
): Promise<string> {
  const email = user.email.toLowerCase();
  const now = new Date();
  const found = await db.user.upsert({
    where: { email },
    create: { email, name: user.name, roles: user.roles, ...(user.emailVerified ? { emailVerified: now } : {}) },
    update: {},
    select: { id: true, roles: true, emailVerified: true },
  });
  const missing = user.roles.filter((r) => !found.roles.includes(r));
  const verify = user.emailVerified === true && found.emailVerified === null;
  if (missing.length || verify)
    await db.user.update({
      where: { id: found.id },
      data: {
        ...(missing.length ? { roles: [...found.roles, ...missing] } : {}),
        ...(verify ? { emailVerified: now } : {}),
      },
    });
  return found.id;
}
