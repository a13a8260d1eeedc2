import { describe, expect, it } from "vitest";
import { oidcEnabled, parseEnv } from "../env.ts";
import { resolveAuthSecret, sessionCookieName } from "./secret.ts";
import { PRODUCTION_SECRETS } from "../../../test/env.ts";

const base = { DATABASE_URL: "postgres://u@127.0.0.1:5432/db" };

describe("NEXTAUTH_SECRET rules", () => {
  it("refuses to start in production without a secret", () => {
    expect(() => parseEnv({ ...base, NODE_ENV: "production" })).toThrow(/NEXTAUTH_SECRET: is required in production/);
    expect(() => parseEnv({ ...base, NODE_ENV: "production", NEXTAUTH_SECRET: "short" })).toThrow(/NEXTAUTH_SECRET/);
    const ok = parseEnv({ ...base, ...PRODUCTION_SECRETS, NODE_ENV: "production", NEXTAUTH_SECRET: "x".repeat(32) });
    expect(resolveAuthSecret(ok)).toBe("x".repeat(32));
  });

  it("generates one random secret per process only on the dev stack (DEV_CHAIN_KEYS)", () => {
    const dev = parseEnv({ ...base, DEV_CHAIN_KEYS: "true" });
    const s = resolveAuthSecret(dev);
    expect(s.length).toBeGreaterThanOrEqual(43);
    expect(resolveAuthSecret(dev)).toBe(s);
    expect(() => resolveAuthSecret(parseEnv(base))).toThrow(/NEXTAUTH_SECRET is not set/);
  });

  it("requires the OIDC issuer, client id and secret together; https unless on loopback", () => {
    const oidc = { OIDC_ISSUER: "https://accounts.google.com/", OIDC_CLIENT_ID: "id", OIDC_CLIENT_SECRET: "s" };
    expect(() => parseEnv({ ...base, OIDC_CLIENT_ID: "id" })).toThrow(/OIDC_ISSUER.*\n.*OIDC_CLIENT_SECRET/);
    const ok = parseEnv({ ...base, ...oidc });
    expect(ok.OIDC_ISSUER).toBe("https://accounts.google.com");
    expect(ok.OIDC_NAME).toBe("Google");
    expect(oidcEnabled(ok)).toBe(true);
    expect(oidcEnabled(parseEnv({ ...base, OIDC_ISSUER: "", OIDC_CLIENT_ID: "", OIDC_CLIENT_SECRET: "" }))).toBe(false);
    expect(parseEnv({ ...base, ...oidc, OIDC_NAME: "Schul-Login" }).OIDC_NAME).toBe("Schul-Login");
    expect(() => parseEnv({ ...base, ...oidc, OIDC_ISSUER: "http://idp.example" })).toThrow(
      /OIDC_ISSUER: must be https/,
    );
    expect(() => parseEnv({ ...base, ...oidc, OIDC_ISSUER: "https://idp.example/?x=1" })).toThrow(/OIDC_ISSUER/);
    expect(parseEnv({ ...base, ...oidc, OIDC_ISSUER: "http://127.0.0.1:4304" }).OIDC_ISSUER).toBe(
      "http://127.0.0.1:4304",
    );
    // Offline: only an issuer on loopback or inside LAN_NETWORKS (a school's own identity server).
    const offline = { ...base, ...oidc, OFFLINE_MODE: "true" };
    expect(() => parseEnv(offline)).toThrow(/OIDC_ISSUER: must be on loopback or inside LAN_NETWORKS/);
    expect(
      parseEnv({ ...offline, OIDC_ISSUER: "http://10.0.0.5:8080/realms/school", LAN_NETWORKS: "10.0.0.0/8" })
        .OIDC_ISSUER,
    ).toBe("http://10.0.0.5:8080/realms/school");
  });

  it("uses the __Secure- cookie prefix for https deployments", () => {
    expect(sessionCookieName("https://academy.example")).toBe("__Secure-next-auth.session-token");
    expect(sessionCookieName("http://localhost:3000")).toBe("next-auth.session-token");
  });
});
