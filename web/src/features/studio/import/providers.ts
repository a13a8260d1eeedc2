/** Provider accounts for imported courses. */
import type { PrismaClient, Role } from "@smolitux/db";

/**
 * Finds the user with `email` (creating it without a password when missing) and makes sure it has `roles`.
 * Idempotent. Existing names are not overwritten.
 * @returns the user id
 */
export async function ensureUser(
  db: PrismaClient,
  user: { email: string; name: string; roles: Role[] },
): Promise<string> {
  const email = user.email.toLowerCase();
  const found = await db.user.upsert({
    where: { email },
    create: { email, name: user.name, roles: user.roles },
    update: {},
    select: { id: true, roles: true },
  });
  const missing = user.roles.filter((r) => !found.roles.includes(r));
  if (missing.length) await db.user.update({ where: { id: found.id }, data: { roles: [...found.roles, ...missing] } });
  return found.id;
}
