/**
 * next-auth v4 configuration: JWT sessions (stateless replicas), providers "credentials" (e-mail +
 * password), "username" (school accounts without e-mail), "siwe" (Sign-In With Ethereum) and "google" (only when GOOGLE_CLIENT_ID/SECRET are set).
 * Authorization never trusts the JWT's roles: server code calls getSessionUser(), which re-reads them.
 */
import type { PrismaClient } from "@smolitux/db";
import type { AuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import GoogleProvider from "next-auth/providers/google";
import { z } from "zod";
import { safeRedirectUrl } from "@/lib/safe-redirect.ts";
import { invalidateSessions } from "@/server/auth.ts";
import { requestAddress } from "@/server/security/client-ip.ts";
import type { Env } from "@/server/env.ts";
import { resolveAuthSecret, secureCookiesFor } from "@/server/auth/secret.ts";
import { authenticateWithPassword } from "./credentials.ts";
import { signInWithOAuth } from "./oauth.ts";
import { signInSchema, siweProofSchema } from "./schemas.ts";
import { SiweError, siweExpectations, verifySiweProof, type SiweVerifier } from "./siwe.ts";
import { signInWithWallet } from "./wallets.ts";
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
    | "GOOGLE_CLIENT_ID"
    | "GOOGLE_CLIENT_SECRET"
    | "SESSION_MAX_AGE_SECONDS"
    | "SESSION_IDLE_TIMEOUT_SECONDS"
  >;
}

/** Error codes the sign-in page understands (`?error=` / `signIn().error`). */
export const SIGN_IN_ERRORS = ["CredentialsSignin", "rate_limited", "OAuthAccountNotLinked"] as const;

const googleProfile = z.object({ email: z.string().optional(), email_verified: z.boolean().optional() });

/** The provider list for this environment (Google only when configured). */
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
          return await signInWithWallet(deps.db, address);
        } catch (err) {
          if (err instanceof SiweError) throw new Error(err.reason);
          throw err;
        }
      },
    }),
  ];
  if (deps.env.GOOGLE_CLIENT_ID && deps.env.GOOGLE_CLIENT_SECRET) {
    providers.push(
      GoogleProvider({ clientId: deps.env.GOOGLE_CLIENT_ID, clientSecret: deps.env.GOOGLE_CLIENT_SECRET }),
    );
  }
  return providers;
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
        const p = googleProfile.safeParse(profile ?? {});
        const user = await signInWithOAuth(deps.db, {
          provider: account.provider,
          providerAccountId: account.providerAccountId,
          email: p.success ? (p.data.email ?? null) : null,
          emailVerified: p.success && p.data.email_verified === true,
          name: profile?.name ?? null,
        });
        return user ? true : "/signin?error=OAuthAccountNotLinked";
      },
      async jwt({ token, user, account }) {
        if (!user || !account) return token;
        // First request after sign-in: put our user id (not the provider's) and roles into the token.
        const ours =
          account.type === "oauth"
            ? await signInWithOAuth(deps.db, {
                provider: account.provider,
                providerAccountId: account.providerAccountId,
                email: user.email ?? null,
                emailVerified: false,
                name: user.name ?? null,
              })
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
