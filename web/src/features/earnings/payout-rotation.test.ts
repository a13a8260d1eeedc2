/**
 * A provider moves its payout address with its own EIP-712 signature, relayed by the catalog key through the
 * outbox (issue 10 §1.3). Real Hardhat chain (the contract checks the signature) and real PostgreSQL.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPublicClient, getAddress, http, type Abi, type Address, type Hex } from "viem";
import { hardhat } from "viem/chains";
import { mnemonicToAccount } from "viem/accounts";
import type { PrismaClient } from "@smolitux/db";
import { courseIdToBytes32 } from "@smolitux/contracts/courseId";
import { HARDHAT_TEST_MNEMONIC, platformSigner } from "@/server/keys.ts";
import { createOutboxSender, outboxPayloadSchema } from "@/server/outbox/index.ts";
import { startTestChain, type TestChain } from "../../../test/chain.ts";
import { createTestDatabase, type TestDatabase } from "../../../test/db.ts";
import { chainActions, devAccount } from "../indexer/chain-fixtures.ts";
import {
  assertPayoutChangeAgrees,
  rotationRequest,
  submitRotation,
  rotationViews,
  type RotationDeps,
  type RotationItem,
} from "./payout-rotation.ts";

let chain: TestChain;
let t: TestDatabase;
let db: PrismaClient;
let deps: RotationDeps;
let providerId: string;
const courses: string[] = [];
const PRICE = 10n ** 16n;
const account = (i: number) => mnemonicToAccount(HARDHAT_TEST_MNEMONIC, { addressIndex: i });
const current = account(6); // chainActions.list's default provider
const next = getAddress(devAccount(12));

const sign = (item: RotationItem, by = current) =>
  by.signTypedData({
    ...item.typedData,
    message: {
      ...item.typedData.message,
      nonce: BigInt(item.typedData.message.nonce),
      deadline: BigInt(item.typedData.message.deadline),
    },
  });

const providerOf = (courseDbId: string) =>
  chain.client.readContract({
    address: chain.contracts.CourseMarketplace.address,
    abi: chain.contracts.CourseMarketplace.abi,
    functionName: "providerOf",
    args: [courseIdToBytes32(courseDbId)],
  });

/** Sends the enqueued rows as the catalog key would (the outbox sender's job), in enqueue order. */
async function relay(keys: string[]) {
  for (const key of keys) {
    const row = await db.outboxTx.findUniqueOrThrow({ where: { idempotencyKey: key } });
    expect(row).toMatchObject({ kind: "setProviderWithSig", signer: devAccount(1), status: "PENDING" });
    const payload = outboxPayloadSchema.parse(row.payload);
    const hash = await chain.client.sendTransaction({
      account: devAccount(1),
      to: payload.to as Address,
      data: payload.data as Hex,
      chain: chain.client.chain,
    });
    expect((await chain.client.waitForTransactionReceipt({ hash })).status).toBe("success");
    await db.outboxTx.update({ where: { idempotencyKey: key }, data: { status: "CONFIRMED" } });
  }
}

beforeAll(async () => {
  [chain, t] = await Promise.all([startTestChain(), createTestDatabase()]);
  db = t.db;
  deps = {
    db,
    client: chain.client,
    contracts: chain.contracts,
    signerOf: () => devAccount(1),
  };
  const act = chainActions(chain.client, chain.contracts);
  providerId = (
    await db.user.create({
      data: { roles: ["LEARNER", "PROVIDER"], payoutAddress: current.address },
      select: { id: true },
    })
  ).id;
  for (const slug of ["rotate-a", "rotate-b"]) {
    const c = await db.course.create({
      data: { slug, title: slug, providerId, status: "PUBLISHED" },
      select: { id: true },
    });
    await db.course.update({ where: { id: c.id }, data: { onchainCourseId: courseIdToBytes32(c.id) } });
    await act.list(c.id, PRICE);
    courses.push(c.id);
  }
}, 120_000);

afterAll(async () => {
  await Promise.all([chain?.stop(), t?.drop()]);
});

describe("payout address rotation", () => {
  it("refuses the zero address and platform contracts", async () => {
    for (const bad of ["0x0000000000000000000000000000000000000000", chain.contracts.CourseMarketplace.address]) {
      await expect(rotationRequest(deps, providerId, bad)).rejects.toMatchObject({ code: "unprocessable" });
    }
  });

  it("a signature that is not the current provider's is refused and nothing is enqueued", async () => {
    const req = await rotationRequest(deps, providerId, next);
    const signatures = await Promise.all(
      req.items.map(async (i) => ({ courseDbId: i.courseDbId, signature: await sign(i, account(7)) })),
    );
    await expect(
      submitRotation(deps, providerId, { newAddress: next, deadline: req.deadline, signatures }),
    ).rejects.toMatchObject({ code: "unprocessable" });
    const expired = await Promise.all(
      req.items.map(async (i) => ({ courseDbId: i.courseDbId, signature: await sign(i) })),
    );
    await expect(
      submitRotation({ ...deps, now: () => Number(req.deadline) + 1 }, providerId, {
        newAddress: next,
        deadline: req.deadline,
        signatures: expired,
      }),
    ).rejects.toMatchObject({ code: "unprocessable" });
    expect(await db.outboxTx.count({ where: { kind: "setProviderWithSig" } })).toBe(0);
  });

  it("the provider's signatures move every listed course's payout address on-chain, in nonce order", async () => {
    // the chain's clock ahead of the wall clock (time travel on a dev chain): deadlines follow chain time
    await chain.client.increaseTime({ seconds: 30 * 86_400 });
    await chain.mine(1);
    const req = await rotationRequest(deps, providerId, next);
    expect(req.items.map((i) => [i.courseDbId, i.signer, i.typedData.message.nonce])).toEqual([
      [courses[0], current.address, "0"],
      [courses[1], current.address, "1"],
    ]);
    const signatures = await Promise.all(
      req.items.map(async (i) => ({ courseDbId: i.courseDbId, signature: await sign(i) })),
    );
    const keys = await submitRotation(deps, providerId, { newAddress: next, deadline: req.deadline, signatures });
    expect(keys).toHaveLength(2);
    expect((await db.user.findUniqueOrThrow({ where: { id: providerId } })).payoutAddress).toBe(next);
    // pending: a second change waits for this one
    await expect(rotationRequest(deps, providerId, devAccount(13))).rejects.toMatchObject({ code: "conflict" });
    expect((await rotationViews(db, providerId)).map((v) => v.outbox.status)).toEqual(["PENDING", "PENDING"]);

    await relay(keys);
    for (const c of courses) expect(await providerOf(c)).toBe(next);
    expect(
      (await rotationViews(db, providerId)).every((v) => v.outbox.status === "CONFIRMED" && v.newProvider === next),
    ).toBe(true);
    // nothing left to change for the same address
    expect((await rotationRequest(deps, providerId, next)).items).toEqual([]);
  });

  it("a change the contract refuses (expired signature) ends FAILED with the reason, and the provider signs again", async () => {
    // the real outbox sender of the catalog key (what the worker runs), 0 confirmations on Hardhat
    const c = chain.contracts;
    const sender = createOutboxSender({
      db,
      client: createPublicClient({ chain: hardhat, transport: http(chain.rpcUrl), cacheTime: 0 }),
      signer: platformSigner("catalog", { DEV_CHAIN_KEYS: true, CHAIN_ID: 31337 }),
      chainId: 31337,
      finality: { kind: "confirmations", blocks: 0 },
      stuckAfterMs: 60_000,
      abis: [c.CourseMarketplace.abi, c.CourseCertificate.abi] as Abi[],
      log: { info: () => undefined, warn: () => undefined, error: () => undefined },
    });
    const owner = account(12); // `next`, the payout wallet since the previous test
    const target = getAddress(devAccount(13));
    const signAll = async (items: RotationItem[]) =>
      Promise.all(items.map(async (i) => ({ courseDbId: i.courseDbId, signature: await sign(i, owner) })));

    const first = await rotationRequest(deps, providerId, target);
    expect(first.items.map((i) => i.signer)).toEqual([next, next]);
    const stale = await submitRotation(deps, providerId, {
      newAddress: target,
      deadline: first.deadline,
      signatures: await signAll(first.items),
    });
    // the worker was down past the deadline: the contract refuses the signatures
    await chain.client.increaseTime({ seconds: 2 * 3_600 });
    await chain.mine(1);
    expect(await sender.tick()).toMatchObject({ sent: 0, failed: 2 });
    const failed = await rotationViews(db, providerId);
    expect(failed.map((v) => [v.outbox.idempotencyKey, v.outbox.status, v.outbox.errorName]).sort()).toEqual(
      stale.map((k) => [k, "FAILED", "CourseMarketplaceInvalidProviderSignature"]).sort(),
    );
    expect(failed.map((v) => v.failure)).toEqual(["signature", "signature"]);
    expect(failed.every((v) => v.outbox.lastError?.startsWith("CourseMarketplaceInvalidProviderSignature("))).toBe(
      true,
    );
    for (const course of courses) expect(await providerOf(course)).toBe(next);

    // not blocked: the provider is asked again (same nonces, unused) and its new signatures are sent
    const again = await rotationRequest(deps, providerId, target);
    expect(again.items.map((i) => i.typedData.message.nonce)).toEqual(
      first.items.map((i) => i.typedData.message.nonce),
    );
    expect(BigInt(again.deadline)).toBeGreaterThan(BigInt(first.deadline));
    const keys = await submitRotation(deps, providerId, {
      newAddress: target,
      deadline: again.deadline,
      signatures: await signAll(again.items),
    });
    expect(keys.some((k) => stale.includes(k))).toBe(false);
    for (
      let i = 0;
      i < 6 && (await db.outboxTx.count({ where: { idempotencyKey: { in: keys }, status: "CONFIRMED" } })) < 2;
      i++
    ) {
      await sender.tick();
    }
    expect((await rotationViews(db, providerId)).map((v) => [v.outbox.idempotencyKey, v.outbox.status]).sort()).toEqual(
      keys.map((k) => [k, "CONFIRMED"]).sort(),
    );
    for (const course of courses) expect(await providerOf(course)).toBe(target);
  });

  it("outside /earnings the payout address can change only while the chain pays nothing else (PUT /api/auth/provider)", async () => {
    const paid = getAddress(devAccount(13)); // every listed course pays it since the previous test
    await expect(assertPayoutChangeAgrees(db, () => deps, providerId, paid)).resolves.toBeUndefined();
    await expect(assertPayoutChangeAgrees(db, () => deps, providerId, paid.toLowerCase())).resolves.toBeUndefined();
    for (const other of [getAddress(devAccount(14)), null]) {
      await expect(assertPayoutChangeAgrees(db, () => deps, providerId, other)).rejects.toMatchObject({
        code: "conflict",
        fields: { payoutAddress: "onchain_payout" },
      });
    }
    // a provider whose courses are not listed on chain yet: nothing to disagree with
    const fresh = await db.user.create({ data: { roles: ["LEARNER", "PROVIDER"] }, select: { id: true } });
    const draft = await db.course.create({
      data: { slug: "rotate-draft", title: "draft", providerId: fresh.id },
      select: { id: true },
    });
    await db.course.update({ where: { id: draft.id }, data: { onchainCourseId: courseIdToBytes32(draft.id) } });
    await expect(
      assertPayoutChangeAgrees(db, () => deps, fresh.id, getAddress(devAccount(14))),
    ).resolves.toBeUndefined();
    await expect(assertPayoutChangeAgrees(db, () => deps, fresh.id, null)).resolves.toBeUndefined();
  });
});
