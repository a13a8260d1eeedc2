import { describe, expect, it } from "vitest";
import { parseEnv } from "./env.ts";
import { PRODUCTION_SECRETS } from "../../test/env.ts";

describe("parseEnv", () => {
  it("applies defaults for a minimal development environment", () => {
    const env = parseEnv({ DATABASE_URL: "postgres://u@127.0.0.1:5432/db" });
    expect(env.STORAGE_DRIVER).toBe("fs");
    expect(env.CHAIN_ID).toBe(31337);
    expect(env.RPC_URL).toBe("http://127.0.0.1:8545");
  });

  it("names every missing or malformed variable", () => {
    expect(() => parseEnv({ DATABASE_URL: "mysql://x", CHAIN_ID: "abc" })).toThrow(
      /DATABASE_URL[\s\S]*CHAIN_ID|CHAIN_ID[\s\S]*DATABASE_URL/,
    );
    expect(() => parseEnv({})).toThrow(/DATABASE_URL/);
  });

  it("refuses development chain keys on any chain but the local one", () => {
    expect(() => parseEnv({ CHAIN_ID: "137", DATABASE_URL: "postgres://h/db", DEV_CHAIN_KEYS: "true" })).toThrow(
      /DEV_CHAIN_KEYS/,
    );
    expect(parseEnv({ DATABASE_URL: "postgres://h/db", DEV_CHAIN_KEYS: "true" }).DEV_CHAIN_KEYS).toBe(true);
  });

  it("refuses a Stripe API stub in production, except on the local DEV_CHAIN_KEYS stack", () => {
    const card = {
      DATABASE_URL: "postgres://h/db",
      ...PRODUCTION_SECRETS,
      NODE_ENV: "production",
      STRIPE_SECRET_KEY: "sk_test_abc",
      STRIPE_WEBHOOK_SECRET: "whsec_abc",
      STRIPE_API_BASE: "http://127.0.0.1:12111",
    };
    expect(() => parseEnv(card)).toThrow(/STRIPE_API_BASE/);
    expect(parseEnv({ ...card, DEV_CHAIN_KEYS: "true" }).STRIPE_API_BASE).toBe("http://127.0.0.1:12111");
    expect(() => parseEnv({ ...card, DEV_CHAIN_KEYS: "true", CHAIN_ID: "137" })).toThrow(/DEV_CHAIN_KEYS/);
  });
});
