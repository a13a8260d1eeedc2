/**
 * next-auth v4 configuration: JWT sessions (stateless replicas), providers "credentials" (e-mail +
 * password), "username" (school accounts without e-mail), "siwe" (Sign-In With Ethereum) and "oidc" (Google or any
 * OpenID Connect provider; only when OIDC_ISSUER/OIDC_CLIENT_ID/OIDC_CLIENT_SECRET are set — oidc.ts, oauth.ts).
 * Authorization never trusts the JWT's roles: server code calls getSessionUser(), which re-reads them.
 */
import type { PrismaClient } from "@smolitux/db";
import type { AuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { safeRedirectUrl } from "@/lib/safe-redirect.ts";
import { invalidateSessions } from "@/server/auth.ts";
import { requestAddress } from "@/server/security/client-ip.ts";
import { signUpOpen, type Env } from "@/server/env.ts";
import { resolveAuthSecret, secureCookiesFor } from "@/server/auth/secret.ts";
import { authenticateWithPassword } from "./credentials.ts";
import { findOidcUser, signInWithOidc, type OidcRefusal } from "./oauth.ts";
import { OIDC_PROVIDER_ID, oidcProvider, parseOidcClaims } from "./oidc.ts";
import { signInSchema, siweProofSchema } from "./schemas.ts";
import { SiweError, siweExpectations, verifySiweProof, type SiweVerifier } from "./siwe.ts";
import { AccountDeactivatedError, SignUpClosedError, signInWithWallet } from "./wallets.ts";
import { authenticateWithUsername } from "@/features/school/pupils.ts";
import { usernameSignInSchema } from "@/features/school/schemas.ts";

/**
 * Lifetime of a session cookie in seconds: the idle timeout (slid forward on activity by src/proxy.ts and
 * next-auth's session endpoint), or the absolute lifetime when there is no idle timeout. The absolute limit
 * from sign-in (`authTime`) is enforced by getSessionUser (server/auth.ts).
 */
export function sessionCookieLifetime(
  e: Pick<Env, "SESSION_MAX_AGE_SECONDS" | "SESSION_IDLE_TIMEOUT_SECONDS">,
): number {
  const idle = e.SESSION_IDLE_TIMEOUT_SECONDS;
  return idle > 0 ? Math.min(idle, e.SESSION_MAX_AGE_SECONDS) : e.SESSION_MAX_AGE_SECONDS;
}

/** Dependencies of {@link buildAuthOptions}. */
export interface AuthDeps {
  db: PrismaClient;
  client: SiweVerifier;
  env: Pick<
    Env,
    | "APP_URL"
    | "CHAIN_ID"
    | "NEXTAUTH_SECRET"
    | "DEV_CHAIN_KEYS"
    | "OIDC_ISSUER"
    | "OIDC_CLIENT_ID"
    | "OIDC_CLIENT_SECRET"
    | "OIDC_NAME"
    | "SESSION_MAX_AGE_SECONDS"
    | "SESSION_IDLE_TIMEOUT_SECONDS"
    | "SIGNUP"
    | "OFFLINE_MODE"
  >;
  /** UI language of the current request (a new OIDC account's locale); default "en" */
  requestLocale?: () => Promise<string>;
}

/**
 * Error codes the sign-in page explains (`?error=` / `signIn().error`); any other code shows the generic
 * message. next-auth's own: OAuthSignin (provider unreachable or misconfigured before leaving), OAuthCallback
 * (state/PKCE/nonce mismatch, token or ID-token failure, provider down on return), Callback (the provider
 * answered with an error such as access_denied — cancelled there — or anything else in the callback); ours: OidcEmailUnverified, OAuthAccountNotLinked (oauth.ts),
 * account_deactivated (password, username, wallet or OIDC sign-in into a deactivated school account), signup_closed
 * (wallet or OIDC sign-in that would create an account while self sign-up is closed: SIGNUP, server/env).
 */
export const SIGN_IN_ERRORS = [
  "CredentialsSignin",
  "rate_limited",
  "account_deactivated",
  "signup_closed",
  "OAuthSignin",
  "OAuthCallback",
  "Callback",
  "OidcEmailUnverified",
  "OAuthAccountNotLinked",
] as const;

const REFUSAL_CODES: Record<OidcRefusal, (typeof SIGN_IN_ERRORS)[number]> = {
  email_unverified: "OidcEmailUnverified",
  account_not_linked: "OAuthAccountNotLinked",
  account_deactivated: "account_deactivated",
  signup_closed: "signup_closed",
};

/** The provider list for this environment (OIDC only when configured). */
export function buildProviders(deps: AuthDeps): AuthOptions["providers"] {
  const providers: AuthOptions["providers"] = [
    CredentialsProvider({
      id: "credentials",
      name: "E-mail",
      credentials: { email: { type: "email" }, password: { type: "password" } },
      async authorize(credentials, req) {
        const input = signInSchema.safeParse(credentials);
        if (!input.success) return null;
        const result = await authenticateWithPassword(deps.db, input.data, requestAddress(req.headers ?? {}));
        if (result.ok) return result.user;
        if (result.reason === "rate_limited") throw new Error("rate_limited");
        if (result.reason === "deactivated") throw new Error("account_deactivated");
        return null;
      },
    }),
    CredentialsProvider({
      // School accounts without e-mail (pupils, teachers): username + password (features/school).
      id: "username",
      name: "Username",
      credentials: { username: { type: "text" }, password: { type: "password" } },
      async authorize(credentials, req) {
        const input = usernameSignInSchema.safeParse(credentials);
        if (!input.success) return null;
        const result = await authenticateWithUsername(deps.db, input.data, requestAddress(req.headers ?? {}));
        if (result.ok) return result.user;
        if (result.reason === "rate_limited") throw new Error("rate_limited");
        if (result.reason === "deactivated") throw new Error("account_deactivated");
        return null;
      },
    }),
    CredentialsProvider({
      id: "siwe",
      name: "Ethereum",
      credentials: { message: { type: "text" }, signature: { type: "text" } },
      async authorize(credentials) {
        const proof = siweProofSchema.safeParse(credentials);
        if (!proof.success) throw new Error("invalid_message");
        try {
          const address = await verifySiweProof(
            deps.db,
            deps.client,
            proof.data,
            siweExpectations(deps.env.APP_URL, deps.env.CHAIN_ID),
          );
          return await signInWithWallet(deps.db, address, { createAccount: signUpOpen(deps.env) });
        } catch (err) {
          if (err instanceof SiweError) throw new Error(err.reason);
          if (err instanceof AccountDeactivatedError) throw new Error("account_deactivated");
          if (err instanceof SignUpClosedError) throw new Error("signup_closed");
          throw err;
        }
      },
    }),
  ];
  const oidc = oidcProvider(deps.env);
  if (oidc) providers.push(oidc);
  return providers;
}

/** Where a refused sign-in lands: the sign-in page with the code it explains. */
function signInError(appUrl: string, code: (typeof SIGN_IN_ERRORS)[number]): string {
  return new URL(`/signin?error=${code}`, appUrl).toString();
}

/** The complete next-auth options. */
export function buildAuthOptions(deps: AuthDeps): AuthOptions {
  return {
    secret: resolveAuthSecret(deps.env),
    useSecureCookies: secureCookiesFor(deps.env.APP_URL),
    session: { strategy: "jwt", maxAge: sessionCookieLifetime(deps.env) },
    pages: { signIn: "/signin", error: "/signin" },
    providers: buildProviders(deps),
    events: {
      // Signing out ends every session of the user on every device (not only this browser's cookie).
      async signOut({ token }) {
        if (token?.sub) await invalidateSessions(deps.db, token.sub);
      },
    },
    callbacks: {
      // Every redirect next-auth makes (callbackUrl of sign-in/out, OAuth) stays on APP_URL's origin.
      redirect({ url }) {
        return safeRedirectUrl(url, deps.env.APP_URL);
      },
      async signIn({ account, profile }) {
        if (account?.type !== "oauth") return true;
        const issuer = deps.env.OIDC_ISSUER;
        const claims = parseOidcClaims(profile);
        if (account.provider !== OIDC_PROVIDER_ID || !issuer || !claims)
          return signInError(deps.env.APP_URL, "OAuthCallback");
        const result = await signInWithOidc(
          deps.db,
          {
            ...claims,
            issuer,
            locale: (await deps.requestLocale?.()) ?? "en",
          },
          { createAccount: signUpOpen(deps.env) },
        );
        return result.ok ? true : signInError(deps.env.APP_URL, REFUSAL_CODES[result.reason]);
      },
      async jwt({ token, user, account }) {
        if (!user || !account) return token;
        // First request after sign-in: put our user id (not the provider's) and roles into the token.
        const ours =
          account.type === "oauth"
            ? await findOidcUser(deps.db, deps.env.OIDC_ISSUER ?? "", account.providerAccountId)
            : { id: user.id, name: user.name ?? null, email: user.email ?? null, roles: user.roles ?? [] };
        if (!ours) throw new Error("OAuthAccountNotLinked");
        // The session is bound to the user's current session version (server-side invalidation, server/auth.ts).
        const row = await deps.db.user.findUnique({ where: { id: ours.id }, select: { sessionVersion: true } });
        return {
          ...token,
          sub: ours.id,
          name: ours.name,
          email: ours.email,
          roles: ours.roles,
          sv: row?.sessionVersion ?? 0,
          authTime: Math.floor(Date.now() / 1000),
        };
      },
      async session({ session, token }) {
        return {
          ...session,
          user: { id: token.sub ?? "", name: token.name, email: token.email, roles: token.roles ?? [] },
        };
      },
    },
  };
}
