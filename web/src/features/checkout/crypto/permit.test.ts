import { describe, expect, it } from "vitest";
import { getAddress, hashTypedData, recoverTypedDataAddress, zeroAddress } from "viem";
import { privateKeyToAccount } from "viem/accounts";
import { buildPermitTypedData, domainFromEip5267, permitDeadline, permitSignatureArgs } from "./permit.ts";

// Hardhat test account #5 (public test mnemonic) — a well-known key, used only for signing in tests
const account = privateKeyToAccount("0x8b3a350cf5c34c9194ca85829a2df0ec3153be0318b5e2d3348e872092edffba");
const token = getAddress("0xe7f1725e7734ce288f8367e1bb143e90bb3f0512");
const spender = getAddress("0x9fe46736679d2d9a65f0992f2272de9f3c7fa6e0");
const domain = { name: "ESN Token", version: "1", chainId: 31337, verifyingContract: token };

describe("buildPermitTypedData", () => {
  it("builds EIP-2612 Permit typed data that recovers to the signer", async () => {
    const td = buildPermitTypedData(domain, {
      owner: account.address,
      spender,
      value: 25n * 10n ** 18n,
      nonce: 0n,
      deadline: 1_900_000_000n,
    });
    expect(td.primaryType).toBe("Permit");
    expect(td.types.Permit.map((f) => f.name)).toEqual(["owner", "spender", "value", "nonce", "deadline"]);
    const signature = await account.signTypedData(td);
    expect(await recoverTypedDataAddress({ ...td, signature })).toBe(account.address);
    const { v, r, s } = permitSignatureArgs(signature);
    expect([27, 28]).toContain(v);
    expect(r).toMatch(/^0x[0-9a-f]{64}$/);
    expect(s).toMatch(/^0x[0-9a-f]{64}$/);
  });

  it("binds the signature to value, nonce and domain", () => {
    const base = { owner: account.address, spender, value: 1n, nonce: 0n, deadline: 10n };
    const h = hashTypedData(buildPermitTypedData(domain, base));
    expect(hashTypedData(buildPermitTypedData(domain, { ...base, value: 2n }))).not.toBe(h);
    expect(hashTypedData(buildPermitTypedData(domain, { ...base, nonce: 1n }))).not.toBe(h);
    expect(hashTypedData(buildPermitTypedData({ ...domain, chainId: 137 }, base))).not.toBe(h);
  });

  it("checksums addresses and refuses a non-positive deadline", () => {
    const td = buildPermitTypedData(
      { ...domain, verifyingContract: token.toLowerCase() as `0x${string}` },
      { owner: account.address.toLowerCase() as `0x${string}`, spender, value: 1n, nonce: 0n, deadline: 5n },
    );
    expect(td.domain.verifyingContract).toBe(token);
    expect(td.message.owner).toBe(account.address);
    expect(() =>
      buildPermitTypedData(domain, { owner: account.address, spender, value: 1n, nonce: 0n, deadline: 0n }),
    ).toThrow(/deadline/);
  });
});

describe("permitDeadline", () => {
  it("adds the TTL in seconds", () => {
    expect(permitDeadline(1_000.9)).toBe(2_200n);
    expect(permitDeadline(1_000, 60)).toBe(1_060n);
  });
});

describe("domainFromEip5267", () => {
  it("reads a complete domain and rejects one without verifyingContract", () => {
    expect(domainFromEip5267(["0x0f", "ESN Token", "1", 31337n, token, `0x${"0".repeat(64)}`, []])).toEqual(domain);
    expect(domainFromEip5267(["0x07", "X", "1", 1n, zeroAddress, `0x${"0".repeat(64)}`, []])).toBeNull();
  });
});
