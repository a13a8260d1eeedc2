/**
 * Sign-in through one generic OpenID Connect provider (Google or any issuer with a discovery document),
 * configured by OIDC_ISSUER / OIDC_CLIENT_ID / OIDC_CLIENT_SECRET / OIDC_NAME (server/env.ts).
 *
 * The flow is next-auth v4's OAuth flow on openid-client: discovery at `<issuer>/.well-known/openid-configuration`,
 * authorization code with PKCE (S256), `state` and `nonce` bound to this browser by signed cookies, the ID
 * token's signature, issuer, audience, expiry and nonce verified; the claims are the ID token's, completed
 * from the userinfo endpoint (only when its `sub` equals the ID token's).
 */
import type { OAuthConfig } from "next-auth/providers/oauth";
import { z } from "zod";
import type { Env } from "@/server/env.ts";

/** next-auth provider id: the callback URL is `<APP_URL>/api/auth/callback/oidc`. */
export const OIDC_PROVIDER_ID = "oidc";

/** Seconds-scale budget of one request to the provider (discovery, token, userinfo, JWKS) in milliseconds. */
export const OIDC_HTTP_TIMEOUT_MS = 5_000;

/** The claims we read; everything else the provider sends is ignored. */
export const oidcClaimsSchema = z.object({
  sub: z.string().min(1).max(255),
  email: z.string().max(320).optional(),
  /** true, or the string "true" some providers send */
  email_verified: z.union([z.boolean(), z.enum(["true", "false"])]).optional(),
  name: z.string().max(200).optional(),
});

/** The identity an OpenID Connect provider vouches for, as our account rules need it. */
export interface OidcClaims {
  subject: string;
  /** lowercased; null when the provider sent none */
  email: string | null;
  /** only an explicit `email_verified: true` counts */
  emailVerified: boolean;
  name: string | null;
}

/**
 * Reads the claims next-auth hands to the signIn callback (`profile`).
 * @returns null when `sub` is missing or malformed
 */
export function parseOidcClaims(profile: unknown): OidcClaims | null {
  const p = oidcClaimsSchema.safeParse(profile ?? {});
  if (!p.success) return null;
  const email = p.data.email?.trim().toLowerCase() || null;
  return {
    subject: p.data.sub,
    email: email && z.email().safeParse(email).success ? email : null,
    emailVerified: p.data.email_verified === true || p.data.email_verified === "true",
    name: p.data.name?.trim() || null,
  };
}

type OidcEnv = Pick<Env, "OIDC_ISSUER" | "OIDC_CLIENT_ID" | "OIDC_CLIENT_SECRET" | "OIDC_NAME">;

/**
 * The next-auth provider for the configured issuer, or null when OIDC is not configured.
 * Account rows key the identity by the issuer URL (`Account.provider`) and the `sub` claim.
 */
export function oidcProvider(e: OidcEnv): OAuthConfig<Record<string, unknown>> | null {
  if (!e.OIDC_ISSUER || !e.OIDC_CLIENT_ID || !e.OIDC_CLIENT_SECRET) return null;
  return {
    id: OIDC_PROVIDER_ID,
    name: e.OIDC_NAME,
    type: "oauth",
    wellKnown: `${e.OIDC_ISSUER}/.well-known/openid-configuration`,
    clientId: e.OIDC_CLIENT_ID,
    clientSecret: e.OIDC_CLIENT_SECRET,
    authorization: { params: { scope: "openid email profile" } },
    idToken: true,
    checks: ["pkce", "state", "nonce"],
    httpOptions: { timeout: OIDC_HTTP_TIMEOUT_MS },
    userinfo: {
      // The ID token (verified by openid-client) is the identity; userinfo only completes missing claims
      // (some providers put e-mail only there), and only when it speaks about the same subject.
      async request({ client, tokens }) {
        // next-auth hands over openid-client's TokenSet (typed as its plain parameters)
        const set = tokens as typeof tokens & { claims(): Record<string, unknown> };
        const idClaims = set.claims();
        if (!client.issuer.metadata.userinfo_endpoint || !set.access_token) return idClaims;
        const info = (await client.userinfo(set as Parameters<typeof client.userinfo>[0])) as Record<string, unknown>;
        if (info.sub !== idClaims.sub) throw new Error("userinfo sub differs from the ID token's sub");
        return { ...info, ...idClaims };
      },
    },
    profile(profile) {
      const claims = parseOidcClaims(profile);
      if (!claims) throw new Error("the ID token has no valid sub claim");
      return { id: claims.subject, name: claims.name, email: claims.email, image: null };
    },
  };
}
