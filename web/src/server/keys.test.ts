import { describe, expect, it } from "vitest";
import { parseEnv } from "./env.ts";
import { MissingSignerKeyError, platformSigner, PublicTestKeyError, requireSigners, signerAddress } from "./keys.ts";

const base = { DATABASE_URL: "postgres://h/db" };
// A random key generated for this test only (holds nothing on any chain).
const KEY = "0x8f2a55949038a9610f50fb23b5883af3b4ecb3c3bb792cbcefbd1542c692be63";
// Account #1 of the public Hardhat test mnemonic.
const HARDHAT_KEY_1 = "0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d";

describe("platform signer keys", () => {
  it("derives the local accounts 1, 2, 3 from the test mnemonic with DEV_CHAIN_KEYS", () => {
    const env = parseEnv({ ...base, DEV_CHAIN_KEYS: "true" });
    expect(signerAddress("catalog", env)).toBe("0x70997970C51812dc3A010C7d01b50e0d17dc79C8");
    expect(signerAddress("paymentOracle", env)).toBe("0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC");
    expect(signerAddress("certificateMinter", env)).toBe("0x90F79bf6EB2c4f870365E785982E1f101E93b906");
    expect(signerAddress("deployer", env)).toBe("0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266");
  });

  it("loads production keys from env and refuses a missing one, naming the variable", () => {
    const env = parseEnv({ ...base, CHAIN_ID: "137", CATALOG_PRIVATE_KEY: KEY });
    expect(platformSigner("catalog", env).address).toMatch(/^0x[0-9a-fA-F]{40}$/);
    expect(() => requireSigners(["catalog", "paymentOracle", "certificateMinter"], env)).toThrow(MissingSignerKeyError);
    expect(() => requireSigners(["catalog", "paymentOracle", "certificateMinter"], env)).toThrow(
      /PAYMENT_ORACLE_PRIVATE_KEY, CERTIFICATE_MINTER_PRIVATE_KEY/,
    );
    expect(() => platformSigner("deployer", env)).toThrow(/only on the local chain/);
  });

  it("rejects a malformed key without echoing it", () => {
    const bad = "0x1234abcd";
    let message = "";
    try {
      parseEnv({ ...base, CATALOG_PRIVATE_KEY: bad });
    } catch (err) {
      message = err instanceof Error ? err.message : String(err);
    }
    expect(message).toMatch(/CATALOG_PRIVATE_KEY: must be a 0x-prefixed 32-byte hex private key/);
    expect(message).not.toContain(bad);
    expect(() => parseEnv({ ...base, PAYMENT_ORACLE_PRIVATE_KEY: KEY.slice(2) })).toThrow(/PAYMENT_ORACLE_PRIVATE_KEY/);
  });

  it("refuses public test keys off the local chain and mixing DEV_CHAIN_KEYS with keys", () => {
    const env = parseEnv({ ...base, CHAIN_ID: "80002", CATALOG_PRIVATE_KEY: HARDHAT_KEY_1 });
    expect(() => platformSigner("catalog", env)).toThrow(PublicTestKeyError);
    expect(() => parseEnv({ ...base, DEV_CHAIN_KEYS: "true", CATALOG_PRIVATE_KEY: KEY })).toThrow(
      /CATALOG_PRIVATE_KEY: must not be set when DEV_CHAIN_KEYS=true/,
    );
  });
});
