import { describe, expect, it } from "vitest";
import { parseEnv, signUpOpen } from "./env.ts";
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

  it("offline mode: refuses Stripe, WalletConnect, public IPFS and non-LAN endpoints; parses LAN_NETWORKS", () => {
    const base = { DATABASE_URL: "postgres://127.0.0.1/db", OFFLINE_MODE: "true" };
    const e = parseEnv({ ...base, LAN_NETWORKS: "192.168.0.0/16,10.0.0.0/8" });
    expect(e.OFFLINE_MODE).toBe(true);
    expect(e.LAN_NETWORKS.map((c) => `${c.address}/${c.prefix}`)).toEqual(["192.168.0.0/16", "10.0.0.0/8"]);
    expect(() => parseEnv({ ...base, STRIPE_SECRET_KEY: "sk_test_x", STRIPE_WEBHOOK_SECRET: "whsec_x" })).toThrow(
      /STRIPE_SECRET_KEY: must not be set when OFFLINE_MODE=true/,
    );
    expect(() => parseEnv({ ...base, IPFS_GATEWAY_URL: "https://ipfs.io" })).toThrow(/IPFS_GATEWAY_URL/);
    expect(() => parseEnv({ ...base, STORAGE_DRIVER: "ipfs", IPFS_API_URL: "https://ipfs.example.com:5001" })).toThrow(
      /IPFS_API_URL: must be on loopback or inside LAN_NETWORKS/,
    );
    expect(parseEnv({ ...base, STORAGE_DRIVER: "ipfs", IPFS_API_URL: "http://127.0.0.1:5001" }).STORAGE_DRIVER).toBe(
      "ipfs",
    );
    expect(() => parseEnv({ ...base, LAN_NETWORKS: "school" })).toThrow(/LAN_NETWORKS/);
    expect(parseEnv({ DATABASE_URL: "postgres://h/db" }).OFFLINE_MODE).toBe(false);
  });

  it("self sign-up: closed by default in offline mode, open otherwise; SIGNUP overrides either way", () => {
    const open = (v: Record<string, string>) => signUpOpen(parseEnv({ DATABASE_URL: "postgres://127.0.0.1/db", ...v }));
    expect(open({})).toBe(true);
    expect(open({ SIGNUP: "" })).toBe(true); // compose passes an unset variable as empty
    expect(open({ OFFLINE_MODE: "true" })).toBe(false);
    expect(open({ OFFLINE_MODE: "true", SIGNUP: "" })).toBe(false);
    expect(open({ OFFLINE_MODE: "true", SIGNUP: "open" })).toBe(true);
    expect(open({ SIGNUP: "closed" })).toBe(false);
    expect(() => open({ SIGNUP: "yes" })).toThrow(/SIGNUP/);
  });
});
