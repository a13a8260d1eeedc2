import { describe, expect, it } from "vitest";
import type { PrismaClient } from "@smolitux/db";
import { offlineClient } from "../../../test/authz/siwe.ts";
import { buildAuthOptions, buildProviders, type AuthDeps } from "./auth-options.ts";

const env: AuthDeps["env"] = {
  APP_URL: "http://localhost:3000",
  CHAIN_ID: 31337,
  NEXTAUTH_SECRET: "x".repeat(32),
  DEV_CHAIN_KEYS: false,
  OIDC_ISSUER: undefined,
  OIDC_CLIENT_ID: undefined,
  OIDC_CLIENT_SECRET: undefined,
  OIDC_NAME: "Google",
  SESSION_MAX_AGE_SECONDS: 30 * 86_400,
  SESSION_IDLE_TIMEOUT_SECONDS: 7 * 86_400,
  SIGNUP: undefined,
  OFFLINE_MODE: false,
};
// Building the options touches no database: a placeholder client is enough.
const deps = (e: Partial<AuthDeps["env"]> = {}): AuthDeps => ({
  db: {} as PrismaClient,
  client: offlineClient,
  env: { ...env, ...e },
});

/** Provider ids as next-auth resolves them (user options override the provider defaults). */
const ids = (providers: ReturnType<typeof buildProviders>) =>
  providers.map((p) => (p as { options?: { id?: string } }).options?.id ?? p.id);

describe("next-auth options", () => {
  it("offers the OpenID Connect provider only when issuer, client id and secret are set", () => {
    expect(ids(buildProviders(deps()))).toEqual(["credentials", "username", "siwe"]);
    expect(ids(buildProviders(deps({ OIDC_ISSUER: "https://accounts.google.com", OIDC_CLIENT_ID: "id" })))).toEqual([
      "credentials",
      "username",
      "siwe",
    ]);
    const full = buildProviders(
      deps({ OIDC_ISSUER: "https://accounts.google.com", OIDC_CLIENT_ID: "id", OIDC_CLIENT_SECRET: "s" }),
    );
    expect(ids(full)).toEqual(["credentials", "username", "siwe", "oidc"]);
    const oidc = full[3] as { name: string; wellKnown?: string; checks?: string[]; idToken?: boolean };
    expect(oidc).toMatchObject({
      name: "Google",
      wellKnown: "https://accounts.google.com/.well-known/openid-configuration",
      idToken: true,
    });
    expect(oidc.checks).toEqual(["pkce", "state", "nonce"]);
  });

  it("uses JWT sessions, our pages, and Secure cookies for https", () => {
    const o = buildAuthOptions(deps());
    expect(o.session?.strategy).toBe("jwt");
    expect(o.pages?.signIn).toBe("/signin");
    expect(o.useSecureCookies).toBe(false);
    expect(buildAuthOptions(deps({ APP_URL: "https://academy.example" })).useSecureCookies).toBe(true);
  });
});
