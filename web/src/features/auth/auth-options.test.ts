import { describe, expect, it } from "vitest";
import type { PrismaClient } from "@smolitux/db";
import { offlineClient } from "../../../test/authz/siwe.ts";
import { buildAuthOptions, buildProviders, type AuthDeps } from "./auth-options.ts";

const env: AuthDeps["env"] = {
  APP_URL: "http://localhost:3000",
  CHAIN_ID: 31337,
  NEXTAUTH_SECRET: "x".repeat(32),
  DEV_CHAIN_KEYS: false,
  GOOGLE_CLIENT_ID: undefined,
  GOOGLE_CLIENT_SECRET: undefined,
  SESSION_MAX_AGE_SECONDS: 30 * 86_400,
  SESSION_IDLE_TIMEOUT_SECONDS: 7 * 86_400,
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
  it("offers Google only when both GOOGLE_CLIENT_ID and GOOGLE_CLIENT_SECRET are set", () => {
    expect(ids(buildProviders(deps()))).toEqual(["credentials", "username", "siwe"]);
    expect(ids(buildProviders(deps({ GOOGLE_CLIENT_ID: "id" })))).toEqual(["credentials", "username", "siwe"]);
    expect(ids(buildProviders(deps({ GOOGLE_CLIENT_ID: "id", GOOGLE_CLIENT_SECRET: "s" })))).toEqual([
      "credentials",
      "username",
      "siwe",
      "google",
    ]);
  });

  it("uses JWT sessions, our pages, and Secure cookies for https", () => {
    const o = buildAuthOptions(deps());
    expect(o.session?.strategy).toBe("jwt");
    expect(o.pages?.signIn).toBe("/signin");
    expect(o.useSecureCookies).toBe(false);
    expect(buildAuthOptions(deps({ APP_URL: "https://academy.example" })).useSecureCookies).toBe(true);
  });
});
