/**
 * A deactivated school account (User.deactivatedAt) is refused at sign-in by wallet (SIWE) and by OpenID Connect
 * with the same `account_deactivated` code as password sign-in — not given a session that server/auth.ts then
 * silently ignores. And while self sign-up is closed (SIGNUP=closed, the offline default), neither a wallet nor an
 * OIDC identity creates an account (`signup_closed`, nothing written) — existing accounts still sign in.
 * Real PostgreSQL; the next-auth provider and callback as built by auth-options.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AuthOptions } from "next-auth";
import { createTestDatabase, type TestDatabase } from "../../../test/db.ts";
import { offlineClient, randomWallet, siweProof } from "../../../test/authz/siwe.ts";
import { buildAuthOptions, buildProviders, type AuthDeps } from "./auth-options.ts";
import { signInWithOidc, type OidcIdentity } from "./oauth.ts";
import { AccountDeactivatedError, SignUpClosedError, signInWithWallet } from "./wallets.ts";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t.drop();
});

const ISSUER = "https://idp.school.example";
const env: AuthDeps["env"] = {
  APP_URL: "http://localhost:3000",
  CHAIN_ID: 31337,
  NEXTAUTH_SECRET: "x".repeat(32),
  DEV_CHAIN_KEYS: false,
  OIDC_ISSUER: ISSUER,
  OIDC_CLIENT_ID: "academy",
  OIDC_CLIENT_SECRET: "secret",
  OIDC_NAME: "School login",
  SESSION_MAX_AGE_SECONDS: 30 * 86_400,
  SESSION_IDLE_TIMEOUT_SECONDS: 7 * 86_400,
  SIGNUP: undefined,
  OFFLINE_MODE: false,
};
const deps = (over: Partial<AuthDeps["env"]> = {}): AuthDeps => ({
  db: t.db,
  client: offlineClient,
  env: { ...env, ...over },
});
const setActive = (id: string, active: boolean) =>
  t.db.user.update({ where: { id }, data: { deactivatedAt: active ? null : new Date() } });

/** Runs the "siwe" provider's authorize exactly as next-auth does (the user options hold our function). */
async function siweAuthorize(
  credentials: Record<string, string>,
  over: Partial<AuthDeps["env"]> = {},
): Promise<unknown> {
  const siwe = buildProviders(deps(over)).find(
    (p) => (p as { options?: { id?: string } }).options?.id === "siwe",
  ) as unknown as {
    options: { authorize: (c: Record<string, string>, req: { headers: Record<string, string> }) => Promise<unknown> };
  };
  return siwe.options.authorize(credentials, { headers: {} });
}

/** The OIDC sign-in callback for a profile the provider vouches for: true or the redirect URL of a refusal. */
async function oidcCallback(
  sub: string,
  email: string,
  over: Partial<AuthDeps["env"]> = {},
): Promise<string | boolean> {
  const signIn = buildAuthOptions(deps(over)).callbacks?.signIn as NonNullable<
    NonNullable<AuthOptions["callbacks"]>["signIn"]
  >;
  return signIn({
    user: { id: sub },
    account: { type: "oauth", provider: "oidc", providerAccountId: sub },
    profile: { sub, email, email_verified: true, name: "Teacher" },
  } as Parameters<typeof signIn>[0]);
}

describe("wallet sign-in into a deactivated account", () => {
  it("is refused with account_deactivated (no session user), and works again once reactivated", async () => {
    const wallet = randomWallet();
    const user = await signInWithWallet(t.db, wallet.address);
    await setActive(user.id, false);
    await expect(signInWithWallet(t.db, wallet.address)).rejects.toBeInstanceOf(AccountDeactivatedError);
    const users = await t.db.user.count();
    await expect(siweAuthorize(await siweProof(t.db, wallet))).rejects.toThrow(/^account_deactivated$/);
    expect(await t.db.user.count()).toBe(users); // no second account for the wallet
    await setActive(user.id, true);
    expect(await siweAuthorize(await siweProof(t.db, wallet))).toMatchObject({ id: user.id });
  });
});

describe("OpenID Connect sign-in into a deactivated account", () => {
  const identity = (over: Partial<OidcIdentity> = {}): OidcIdentity => ({
    issuer: ISSUER,
    subject: "kc-1",
    email: "teacher@school.example",
    emailVerified: true,
    name: "Teacher",
    locale: "en",
    ...over,
  });

  it("refuses a linked identity and redirects to /signin?error=account_deactivated", async () => {
    const first = await signInWithOidc(t.db, identity());
    expect(first).toMatchObject({ ok: true, outcome: "created" });
    if (!first.ok) return;
    await setActive(first.user.id, false);
    expect(await signInWithOidc(t.db, identity())).toEqual({ ok: false, reason: "account_deactivated" });
    expect(await oidcCallback("kc-1", "teacher@school.example")).toBe(
      "http://localhost:3000/signin?error=account_deactivated",
    );
    await setActive(first.user.id, true);
    expect(await oidcCallback("kc-1", "teacher@school.example")).toBe(true);
  });

  it("does not link a new identity to a deactivated account with that e-mail (nothing written)", async () => {
    const owner = await t.db.user.create({
      data: { email: "left@school.example", emailVerified: new Date(), passwordHash: "x", deactivatedAt: new Date() },
    });
    expect(await signInWithOidc(t.db, identity({ subject: "kc-2", email: "left@school.example" }))).toEqual({
      ok: false,
      reason: "account_deactivated",
    });
    expect(await oidcCallback("kc-2", "left@school.example")).toBe(
      "http://localhost:3000/signin?error=account_deactivated",
    );
    expect(await t.db.account.count({ where: { userId: owner.id } })).toBe(0);
  });
});

describe("while self sign-up is closed (SIGNUP=closed; unset with OFFLINE_MODE=true)", () => {
  const closed = { SIGNUP: "closed" } as const;
  const offline = { SIGNUP: undefined, OFFLINE_MODE: true } as const;

  it("an unknown wallet gets no account (signup_closed, nothing written); a known wallet still signs in", async () => {
    const stranger = randomWallet();
    const users = await t.db.user.count();
    await expect(signInWithWallet(t.db, stranger.address, { createAccount: false })).rejects.toBeInstanceOf(
      SignUpClosedError,
    );
    await expect(siweAuthorize(await siweProof(t.db, stranger), closed)).rejects.toThrow(/^signup_closed$/);
    await expect(siweAuthorize(await siweProof(t.db, stranger), offline)).rejects.toThrow(/^signup_closed$/);
    expect(await t.db.user.count()).toBe(users);
    expect(await t.db.wallet.count({ where: { address: stranger.address } })).toBe(0);

    const member = randomWallet();
    const user = await signInWithWallet(t.db, member.address); // e.g. linked on /account while signed in
    expect(await siweAuthorize(await siweProof(t.db, member), closed)).toMatchObject({ id: user.id });
    // SIGNUP=open overrides the offline default
    const newcomer = randomWallet();
    expect(await siweAuthorize(await siweProof(t.db, newcomer), { SIGNUP: "open", OFFLINE_MODE: true })).toMatchObject({
      roles: ["LEARNER"],
    });
  });

  it("a new OIDC identity gets no account (redirect to /signin?error=signup_closed); confirmed accounts still link", async () => {
    const users = await t.db.user.count();
    expect(await oidcCallback("kc-new", "newcomer@school.example", closed)).toBe(
      "http://localhost:3000/signin?error=signup_closed",
    );
    expect(await oidcCallback("kc-new", "newcomer@school.example", offline)).toBe(
      "http://localhost:3000/signin?error=signup_closed",
    );
    expect(await t.db.user.count()).toBe(users);
    expect(await t.db.account.count({ where: { providerAccountId: "kc-new" } })).toBe(0);

    // linking an identity to an account that exists (e-mail confirmed) is no sign-up: allowed while closed
    const member = await t.db.user.create({
      data: { email: "member@school.example", emailVerified: new Date(), passwordHash: "x" },
    });
    expect(await oidcCallback("kc-member", "member@school.example", closed)).toBe(true);
    expect(await t.db.account.count({ where: { userId: member.id } })).toBe(1);
  });
});
