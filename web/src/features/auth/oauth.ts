/**
 * OpenID Connect identities mapped onto our users without a next-auth database adapter.
 *
 * Account linking rule (README "Sign-in with Google / OpenID Connect"):
 * 1. An identity already linked (`Account` row: provider = issuer URL, providerAccountId = `sub`) signs into
 *    its user, whatever its e-mail says today.
 * 2. Otherwise the provider must vouch for the e-mail (`email_verified: true`); an identity without a verified
 *    e-mail is refused (`email_unverified`) and nothing is written — we never link to, nor create an account
 *    for, an address nobody proved.
 * 3. A user with that e-mail is linked and signed in only when that user confirmed the address with us
 *    (`User.emailVerified`, set by the mailed confirmation link) and has no other identity at this issuer.
 *    An unconfirmed account is refused (`account_not_linked`): whoever typed that address into our sign-up form
 *    may not own it, and linking would hand the account (and its password) to both people — account
 *    pre-hijacking. Its owner signs in with the password, confirms the address, and continues with the provider.
 * 4. A new e-mail becomes a new learner account (e-mail marked confirmed, LEARNER only) — only while self sign-up
 *    is open (SIGNUP, `signUpOpen` in server/env); closed, it is refused (`signup_closed`) and nothing is written.
 * A user a teacher or school admin deactivated (User.deactivatedAt) is refused (`account_deactivated`) in rules 1
 * and 3, before anything is linked.
 */
import type { PrismaClient } from "@smolitux/db";
import type { SessionUser } from "@/server/auth.ts";
import { recordAudit } from "@/features/admin/audit.ts";
import { isUniqueViolation } from "./credentials.ts";

const USER_SELECT = { id: true, email: true, name: true, roles: true } as const;

/** The identity an OpenID Connect provider vouches for. */
export interface OidcIdentity {
  /** issuer URL (OIDC_ISSUER): the namespace of `subject` */
  issuer: string;
  /** the `sub` claim */
  subject: string;
  /** lowercased e-mail or null */
  email: string | null;
  /** the provider's `email_verified` claim is true */
  emailVerified: boolean;
  name: string | null;
  /** UI language for a new account */
  locale: string;
}

/** Why a sign-in was refused (mapped to `/signin?error=` codes by auth-options). */
export type OidcRefusal = "email_unverified" | "account_not_linked" | "account_deactivated" | "signup_closed";

/** Outcome of {@link signInWithOidc}. */
export type OidcSignIn =
  { ok: true; user: SessionUser; outcome: "signed_in" | "linked" | "created" } | { ok: false; reason: OidcRefusal };

/** The user an identity is linked to, or null. */
export async function findOidcUser(db: PrismaClient, issuer: string, subject: string): Promise<SessionUser | null> {
  const linked = await db.account.findUnique({
    where: { provider_providerAccountId: { provider: issuer, providerAccountId: subject } },
    select: { user: { select: USER_SELECT } },
  });
  return linked?.user ?? null;
}

/**
 * Applies the account linking rule (module comment) to one identity.
 * Concurrent first sign-ins of the same identity end in the same account (a unique violation is retried once).
 * @param options.createAccount whether rule 4 may create an account (`signUpOpen(env)`); default true
 */
export async function signInWithOidc(
  db: PrismaClient,
  identity: OidcIdentity,
  options: { createAccount: boolean } = { createAccount: true },
): Promise<OidcSignIn> {
  try {
    return await attempt(db, identity, options.createAccount);
  } catch (err) {
    if (!isUniqueViolation(err)) throw err;
    return attempt(db, identity, options.createAccount);
  }
}

/** Whether the account `userId` was deactivated (accounts.ts in features/school). */
async function deactivated(db: PrismaClient, userId: string): Promise<boolean> {
  const row = await db.user.findUnique({ where: { id: userId }, select: { deactivatedAt: true } });
  return row?.deactivatedAt != null;
}

async function attempt(db: PrismaClient, identity: OidcIdentity, createAccount: boolean): Promise<OidcSignIn> {
  const linked = await findOidcUser(db, identity.issuer, identity.subject);
  if (linked) {
    if (await deactivated(db, linked.id)) return { ok: false, reason: "account_deactivated" };
    return { ok: true, user: linked, outcome: "signed_in" };
  }
  if (!identity.email || !identity.emailVerified) return { ok: false, reason: "email_unverified" };
  const email = identity.email;
  const account = { type: "oauth", provider: identity.issuer, providerAccountId: identity.subject };
  const existing = await db.user.findUnique({
    where: { email },
    select: {
      id: true,
      emailVerified: true,
      deactivatedAt: true,
      accounts: { where: { provider: identity.issuer }, select: { id: true } },
    },
  });
  if (existing) {
    if (!existing.emailVerified || existing.accounts.length > 0) return { ok: false, reason: "account_not_linked" };
    if (existing.deactivatedAt) return { ok: false, reason: "account_deactivated" };
    const user = await db.$transaction(async (tx) => {
      await tx.account.create({ data: { ...account, userId: existing.id } });
      await recordAudit(tx, {
        actorId: existing.id,
        action: "user.oidc_linked",
        entity: "User",
        entityId: existing.id,
        details: { issuer: identity.issuer },
      });
      return tx.user.findUniqueOrThrow({ where: { id: existing.id }, select: USER_SELECT });
    });
    return { ok: true, user, outcome: "linked" };
  }
  if (!createAccount) return { ok: false, reason: "signup_closed" };
  const user = await db.$transaction(async (tx) => {
    const created = await tx.user.create({
      data: {
        email,
        emailVerified: new Date(),
        name: identity.name,
        roles: ["LEARNER"],
        locale: identity.locale,
        accounts: { create: account },
      },
      select: USER_SELECT,
    });
    await recordAudit(tx, {
      actorId: created.id,
      action: "user.signed_up",
      entity: "User",
      entityId: created.id,
      details: { method: "oidc", issuer: identity.issuer },
    });
    return created;
  });
  return { ok: true, user, outcome: "created" };
}
