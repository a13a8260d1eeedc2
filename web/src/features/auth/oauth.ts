/** OAuth (Google) accounts mapped onto our users without a next-auth database adapter. */
import type { PrismaClient } from "@smolitux/db";
import type { SessionUser } from "@/server/auth.ts";
import { recordAudit } from "@/features/admin/audit.ts";

const USER_SELECT = { id: true, email: true, name: true, roles: true } as const;

/** The identity an OAuth provider vouches for. */
export interface OAuthIdentity {
  provider: string;
  providerAccountId: string;
  email: string | null;
  emailVerified: boolean;
  name: string | null;
}

/**
 * The user linked to this OAuth account; or a new learner account (linked) when the e-mail is unused.
 * Returns null when the e-mail already belongs to another account: we never auto-link by e-mail, because
 * our e-mail/password sign-ups are not verified (pre-hijacking). The user links from /account instead.
 */
export async function signInWithOAuth(db: PrismaClient, identity: OAuthIdentity): Promise<SessionUser | null> {
  const linked = await db.account.findUnique({
    where: {
      provider_providerAccountId: { provider: identity.provider, providerAccountId: identity.providerAccountId },
    },
    select: { user: { select: USER_SELECT } },
  });
  if (linked) return linked.user;
  const email = identity.email?.toLowerCase() ?? null;
  if (email && (await db.user.findUnique({ where: { email }, select: { id: true } }))) return null;
  return db.$transaction(async (tx) => {
    const user = await tx.user.create({
      data: {
        email,
        emailVerified: email && identity.emailVerified ? new Date() : null,
        name: identity.name,
        roles: ["LEARNER"],
        accounts: {
          create: { type: "oauth", provider: identity.provider, providerAccountId: identity.providerAccountId },
        },
      },
      select: USER_SELECT,
    });
    await recordAudit(tx, {
      actorId: user.id,
      action: "user.signed_up",
      entity: "User",
      entityId: user.id,
      details: { method: identity.provider },
    });
    return user;
  });
}
