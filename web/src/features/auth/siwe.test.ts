import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../../test/db.ts";
import { offlineClient, randomWallet, signSiwe } from "../../../test/authz/siwe.ts";
import { issueNonce, NONCE_TTL_SECONDS, verifySiweProof, type SiweFailure } from "./siwe.ts";
import { signInWithWallet } from "./wallets.ts";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t.drop();
});

const expected = { domain: "localhost:3000", origin: "http://localhost:3000", chainId: 31337 };

async function reason(p: Promise<unknown>): Promise<SiweFailure | "ok"> {
  return p.then(
    () => "ok" as const,
    (e: { reason?: SiweFailure }) => e.reason ?? Promise.reject(e),
  );
}

describe("SIWE (EIP-4361)", () => {
  it("accepts a valid proof once and returns the checksummed address; a replay fails", async () => {
    const wallet = randomWallet();
    const { nonce } = await issueNonce(t.db);
    const proof = await signSiwe(wallet, { nonce });
    const address = await verifySiweProof(t.db, offlineClient, proof, expected);
    expect(address).toBe(wallet.address);
    expect((await t.db.siweNonce.findUniqueOrThrow({ where: { nonce } })).usedAt).not.toBeNull();
    expect(await reason(verifySiweProof(t.db, offlineClient, proof, expected))).toBe("nonce_invalid");
  });

  it("lets only one of two concurrent uses of a nonce through", async () => {
    const wallet = randomWallet();
    const proof = await signSiwe(wallet, { nonce: (await issueNonce(t.db)).nonce });
    const results = await Promise.all(
      [1, 2, 3].map(() => reason(verifySiweProof(t.db, offlineClient, proof, expected))),
    );
    expect(results.filter((r) => r === "ok")).toHaveLength(1);
    expect(results.filter((r) => r === "nonce_invalid")).toHaveLength(2);
  });

  it("refuses expired and unknown nonces", async () => {
    const wallet = randomWallet();
    const issuedAt = new Date(Date.now() - (NONCE_TTL_SECONDS + 60) * 1000);
    const old = await issueNonce(t.db, issuedAt);
    const proof = await signSiwe(wallet, { nonce: old.nonce, issuedAt });
    expect(await reason(verifySiweProof(t.db, offlineClient, proof, expected))).toBe("nonce_invalid");
    const unknown = await signSiwe(wallet, { nonce: "abcdefgh12345678" });
    expect(await reason(verifySiweProof(t.db, offlineClient, unknown, expected))).toBe("nonce_invalid");
  });

  it("refuses another domain, a uri on another origin, another chain, a wrong signer and an expired message — without using the nonce", async () => {
    const wallet = randomWallet();
    const { nonce } = await issueNonce(t.db);
    const check = async (p: { message: string; signature: `0x${string}` }) =>
      reason(verifySiweProof(t.db, offlineClient, p, expected));
    expect(await check(await signSiwe(wallet, { nonce, domain: "evil.example" }))).toBe("domain_mismatch");
    expect(await check(await signSiwe(wallet, { nonce, uri: "https://evil.example/login" }))).toBe("uri_mismatch");
    expect(await check(await signSiwe(wallet, { nonce, uri: "http://localhost:3001/" }))).toBe("uri_mismatch");
    expect(await check(await signSiwe(wallet, { nonce, chainId: 137 }))).toBe("chain_mismatch");
    const good = await signSiwe(wallet, { nonce });
    const forged = { message: good.message, signature: (await signSiwe(randomWallet(), { nonce })).signature };
    expect(await check(forged)).toBe("invalid_signature");
    expect(await check(await signSiwe(wallet, { nonce, expirationTime: new Date(Date.now() - 1000) }))).toBe(
      "invalid_signature",
    );
    expect(await check({ message: "hello", signature: good.signature })).toBe("invalid_message");
    // The nonce survived all refusals: the genuine proof still works.
    expect(await check(good)).toBe("ok");
  });

  it("creates a learner account for an unknown wallet and finds it again", async () => {
    const wallet = randomWallet();
    const first = await signInWithWallet(t.db, wallet.address);
    expect(first.roles).toEqual(["LEARNER"]);
    expect(await signInWithWallet(t.db, wallet.address)).toEqual(first);
    expect(await t.db.wallet.count({ where: { address: wallet.address, userId: first.id } })).toBe(1);
  });
});
