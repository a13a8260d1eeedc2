import { describe, expect, it } from "vitest";
import { parseEnv } from "../env.ts";
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

  it("requires the Google client id and secret together", () => {
    expect(() => parseEnv({ ...base, GOOGLE_CLIENT_ID: "id" })).toThrow(/GOOGLE_CLIENT_SECRET/);
    expect(parseEnv({ ...base, GOOGLE_CLIENT_ID: "id", GOOGLE_CLIENT_SECRET: "s" }).GOOGLE_CLIENT_ID).toBe("id");
  });

  it("uses the __Secure- cookie prefix for https deployments", () => {
    expect(sessionCookieName("https://academy.example")).toBe("__Secure-next-auth.session-token");
    expect(sessionCookieName("http://localhost:3000")).toBe("next-auth.session-token");
  });
});
