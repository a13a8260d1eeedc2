/** Integration: outbox enqueue + sender against real PostgreSQL and a real Hardhat node. */
import {
  createPublicClient,
  http,
  keccak256,
  parseTransaction,
  toHex,
  zeroAddress,
  type Abi,
  type Address,
  type Hex,
} from "viem";
import { hardhat } from "viem/chains";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { courseIdToBytes32 } from "@smolitux/contracts/courseId";
import { startTestChain, type TestChain } from "../../../test/chain.ts";
import { createTestDatabase, type TestDatabase } from "../../../test/db.ts";
import { trace } from "@opentelemetry/api";
import { platformSigner, type SignerRole } from "../keys.ts";
import { registerRequestMetrics } from "../tracing.ts";
import {
  createOutboxSender,
  enqueue,
  listCourse,
  OutboxConflictError,
  outboxStatus,
  recordCardPurchase,
  type OutboxRequest,
  type SenderOptions,
} from "./index.ts";

const DEV = { DEV_CHAIN_KEYS: true, CHAIN_ID: 31337 } as const;
const signerOf = (role: SignerRole) => platformSigner(role, DEV).address;
const silent = { info: () => undefined, warn: () => undefined, error: () => undefined };
const provider: Address = "0x15d34AAf54267DB7D7c367839AAf71A00a2C6A65";
const learner: Address = "0x9965507D1a55bcC2695C58ba16FB37d819B0A4dc";

let chain: TestChain;
let tdb: TestDatabase;
let snap: Hex;

beforeAll(async () => {
  [chain, tdb] = await Promise.all([startTestChain(), createTestDatabase()]);
  console.log(`test chain: node ${chain.timings.nodeMs} ms, deploy ${chain.timings.deployMs} ms`);
}, 90_000);
afterAll(async () => {
  await Promise.all([chain?.stop(), tdb?.drop()]);
});
beforeEach(async () => {
  snap = await chain.snapshot();
});
afterEach(async () => {
  await chain.client.setAutomine(true);
  await chain.revert(snap);
  await tdb.db.outboxTx.deleteMany();
});

function sender(role: SignerRole, extra: Partial<SenderOptions> = {}) {
  const client = createPublicClient({ chain: hardhat, transport: http(chain.rpcUrl), cacheTime: 0 });
  const c = chain.contracts;
  return createOutboxSender({
    db: tdb.db,
    client,
    signer: platformSigner(role, DEV),
    chainId: 31337,
    finality: { kind: "confirmations", blocks: 0 },
    stuckAfterMs: 60_000,
    abis: [c.CourseMarketplace.abi, c.CourseCertificate.abi, c.ESNToken.abi] as Abi[],
    log: silent,
    ...extra,
  });
}

const listing = (courseDbId: string, price = 10n ** 18n): OutboxRequest =>
  listCourse(chain.contracts, {
    courseDbId,
    provider,
    token: zeroAddress,
    price,
    refundWindowSeconds: 86_400,
    active: true,
  });
const put = (key: string, req: OutboxRequest) => enqueue(tdb.db, { idempotencyKey: key, ...req }, signerOf);
const row = (key: string) => tdb.db.outboxTx.findUniqueOrThrow({ where: { idempotencyKey: key } });
const chainNonce = (role: SignerRole) => chain.client.getTransactionCount({ address: signerOf(role) });
/** The last ListingSet event of a course (robust to the listing getter's signature). */
async function listed(courseDbId: string) {
  const logs = await chain.client.getContractEvents({
    address: chain.contracts.CourseMarketplace.address,
    abi: chain.contracts.CourseMarketplace.abi,
    eventName: "ListingSet",
    args: { courseId: courseIdToBytes32(courseDbId) },
    fromBlock: 0n,
  });
  const args = logs.at(-1)?.args;
  if (!args) throw new Error(`no listing for ${courseDbId}`);
  return args;
}

describe("enqueue", () => {
  it("is idempotent per key, rejects a different payload, and joins the caller's transaction", async () => {
    const a = await put("k1", listing("c1"));
    const b = await put("k1", listing("c1"));
    expect(b.id).toBe(a.id);
    expect(a.status).toBe("PENDING");
    expect(a.signer).toBe(signerOf("catalog"));
    await expect(put("k1", listing("c1", 2n))).rejects.toBeInstanceOf(OutboxConflictError);

    const concurrent = await Promise.all([1, 2, 3, 4].map(() => put("k2", listing("c2"))));
    expect(new Set(concurrent.map((r) => r.id)).size).toBe(1);

    await expect(
      tdb.db.$transaction(async (tx) => {
        await enqueue(tx, { idempotencyKey: "k3", ...listing("c3") }, signerOf);
        await enqueue(tx, { idempotencyKey: "k1", ...listing("c1") }, signerOf); // duplicate: no abort
        throw new Error("caller rolls back");
      }),
    ).rejects.toThrow("caller rolls back");
    expect(await tdb.db.outboxTx.count()).toBe(2);
  });
});

describe("sender", () => {
  it("carries the request id of the enqueuing web request into its log lines (one id from checkout to chain)", async () => {
    registerRequestMetrics(); // the tracer provider + async context of instrumentation.ts
    let traceId = "";
    await trace.getTracer("test").startActiveSpan("request", async (span) => {
      traceId = span.spanContext().traceId;
      await put("list-rid", listing("course-rid"));
      span.end();
    });
    expect((await row("list-rid")).requestId).toBe(traceId);
    const lines: Record<string, unknown>[] = [];
    const capture = {
      info: (msg: string, f: Record<string, unknown> = {}) => lines.push({ msg, ...f }),
      warn: (msg: string, f: Record<string, unknown> = {}) => lines.push({ msg, ...f }),
      error: (msg: string, f: Record<string, unknown> = {}) => lines.push({ msg, ...f }),
    };
    const s = sender("catalog", { log: capture });
    await s.tick();
    await s.tick();
    expect(lines.filter((l) => l.msg === "sent" || l.msg === "confirmed").map((l) => l.requestId)).toEqual([
      traceId,
      traceId,
    ]);
  });

  it("mines a listCourse and the chain shows the listing", async () => {
    await put("list-1", listing("course-1"));
    const s = sender("catalog");
    expect((await s.tick()).sent).toBe(1);
    expect((await s.tick()).confirmed).toBe(1);
    const l = await listed("course-1");
    expect(l.provider).toBe(provider);
    expect(l.price).toBe(10n ** 18n);
    const view = await outboxStatus(tdb.db, "list-1", chain.client);
    expect(view).toMatchObject({ status: "CONFIRMED", attempts: 1, lastError: null, confirmations: 1 });
    expect(view?.txHash).toMatch(/^0x[0-9a-f]{64}$/);
  });

  it("assigns consecutive nonces in enqueue order", async () => {
    for (let i = 0; i < 5; i++) await put(`n${i}`, listing(`course-n${i}`));
    const s = sender("catalog");
    await s.tick();
    await s.tick();
    const rows = await tdb.db.outboxTx.findMany({ orderBy: { createdAt: "asc" } });
    expect(rows.map((r) => r.nonce)).toEqual([0, 1, 2, 3, 4]);
    expect(rows.every((r) => r.status === "CONFIRMED")).toBe(true);
    for (const r of rows) {
      const tx = await chain.client.getTransaction({ hash: r.txHash as Hex });
      expect(tx.nonce).toBe(r.nonce);
    }
    expect(await chainNonce("catalog")).toBe(5);
  });

  it("recovers from a crash after persisting the nonce but before broadcasting", async () => {
    await put("crash-a", listing("course-a"));
    await put("crash-b", listing("course-b"));
    const crashing = sender("catalog", {
      hooks: {
        afterPersist: () => {
          throw new Error("killed");
        },
      },
    });
    await expect(crashing.tick()).rejects.toThrow("killed");
    const persisted = await row("crash-a");
    expect(persisted).toMatchObject({ status: "SENT", nonce: 0 });
    expect(await chainNonce("catalog")).toBe(0); // never reached the node

    const restarted = sender("catalog");
    await restarted.tick();
    await restarted.tick();
    const [a, b] = [await row("crash-a"), await row("crash-b")];
    expect([a.status, a.nonce, a.txHash, a.attempts]).toEqual(["CONFIRMED", 0, persisted.txHash, 1]);
    expect([b.status, b.nonce]).toEqual(["CONFIRMED", 1]);
    expect(await chainNonce("catalog")).toBe(2);
  });

  it("recovers from a crash after broadcasting but before the receipt, sending exactly once", async () => {
    await put("crash-c", listing("course-c"));
    const crashing = sender("catalog", {
      hooks: {
        afterBroadcast: () => {
          throw new Error("killed");
        },
      },
    });
    await expect(crashing.tick()).rejects.toThrow("killed");
    const restarted = sender("catalog");
    await restarted.tick();
    await restarted.tick();
    expect(await row("crash-c")).toMatchObject({ status: "CONFIRMED", nonce: 0, attempts: 1 });
    expect(await chainNonce("catalog")).toBe(1);
    const logs = await chain.client.getContractEvents({
      address: chain.contracts.CourseMarketplace.address,
      abi: chain.contracts.CourseMarketplace.abi,
      eventName: "ListingSet",
      fromBlock: 0n,
    });
    expect(logs).toHaveLength(1);
  });

  it("marks a reverting transaction FAILED with the decoded custom error, without using a nonce", async () => {
    const paymentRef = keccak256(toHex("pi_123"));
    await put(
      "card-1",
      recordCardPurchase(chain.contracts, { courseDbId: "course-x", learner, paymentRef, refundWindowSeconds: 0 }),
    );
    const s = sender("paymentOracle");
    await s.tick();
    await s.tick();
    expect((await row("card-1")).status).toBe("CONFIRMED");
    await put(
      "card-2",
      recordCardPurchase(chain.contracts, { courseDbId: "course-y", learner, paymentRef, refundWindowSeconds: 0 }),
    );
    await s.tick();
    const view = await outboxStatus(tdb.db, "card-2");
    expect(view).toMatchObject({ status: "FAILED", errorName: "CourseMarketplacePaymentRefUsed", txHash: null });
    expect(view?.lastError).toBe(`CourseMarketplacePaymentRefUsed(${paymentRef})`);
    expect(await chainNonce("paymentOracle")).toBe(1);
  });

  it("defers a row whose estimate depends on an unmined earlier row, then fails it once that is mined", async () => {
    const paymentRef = keccak256(toHex("pi_456"));
    await chain.client.setAutomine(false);
    await put(
      "dup-1",
      recordCardPurchase(chain.contracts, { courseDbId: "course-1", learner, paymentRef, refundWindowSeconds: 0 }),
    );
    await put(
      "dup-2",
      recordCardPurchase(chain.contracts, { courseDbId: "course-2", learner, paymentRef, refundWindowSeconds: 0 }),
    );
    const s = sender("paymentOracle");
    expect(await s.tick()).toMatchObject({ sent: 1, deferred: 1 });
    expect(await row("dup-2")).toMatchObject({ status: "PENDING", nonce: null });
    await chain.mine(1);
    await s.tick();
    expect(await row("dup-1")).toMatchObject({ status: "CONFIRMED", nonce: 0 });
    expect(await row("dup-2")).toMatchObject({
      status: "FAILED",
      nonce: null,
      lastError: `CourseMarketplacePaymentRefUsed(${paymentRef})`,
    });
  });

  it("decodes a revert that happens on-chain after a successful estimate", async () => {
    const paymentRef = keccak256(toHex("pi_789"));
    const { CourseMarketplace: m } = chain.contracts;
    const rival = (await chain.client.getAddresses())[5];
    if (!rival) throw new Error("no account 5");
    const deployer = (await chain.client.getAddresses())[0];
    await chain.client.writeContract({
      address: m.address,
      abi: m.abi,
      functionName: "grantRole",
      args: [keccak256(toHex("PAYMENT_ORACLE_ROLE")), rival],
      account: deployer ?? rival,
      chain: null,
    });
    await chain.client.setAutomine(false);
    await put(
      "race",
      recordCardPurchase(chain.contracts, { courseDbId: "course-r", learner, paymentRef, refundWindowSeconds: 0 }),
    );
    const s = sender("paymentOracle");
    expect((await s.tick()).sent).toBe(1);
    // Another oracle records the same payment with a higher tip: it is mined first in the same block.
    await chain.client.writeContract({
      address: m.address,
      abi: m.abi,
      functionName: "recordCardPurchase",
      args: [courseIdToBytes32("course-r2"), learner, paymentRef, 0],
      account: rival,
      chain: null,
      maxPriorityFeePerGas: 100_000_000_000n,
      maxFeePerGas: 200_000_000_000n,
      gas: 300_000n, // no estimate: it would see the outbox transaction pending
    });
    await chain.mine(1);
    await s.tick();
    expect(await row("race")).toMatchObject({
      status: "FAILED",
      nonce: 0,
      lastError: `CourseMarketplacePaymentRefUsed(${paymentRef})`,
    });
    expect(await chainNonce("paymentOracle")).toBe(1);
  });

  it("replaces a stuck transaction with the same nonce and higher fees", async () => {
    let clock = 1_000_000;
    const s = sender("catalog", { stuckAfterMs: 30_000, now: () => clock });
    await chain.client.setAutomine(false);
    await put("stuck", listing("course-stuck"));
    await s.tick();
    const first = await row("stuck");
    // A fee spike: the next block's base fee exceeds the transaction's max fee, so it stays unmined.
    await chain.client.setNextBlockBaseFeePerGas({ baseFeePerGas: 50_000_000_000n });
    await chain.mine(1);
    expect(await s.tick()).toMatchObject({ replaced: 0, confirmed: 0 });
    expect(await chainNonce("catalog")).toBe(0);
    clock += 31_000;
    expect((await s.tick()).replaced).toBe(1);
    const second = await row("stuck");
    expect(second.attempts).toBe(2);
    expect(second.nonce).toBe(first.nonce);
    expect(second.txHashes).toEqual([first.txHash, second.txHash]);
    const [t1, t2] = [first, second].map((r) => parseTransaction(r.rawTx as Hex));
    expect(t2?.maxFeePerGas).toBeGreaterThan(((t1?.maxFeePerGas ?? 0n) * 11n) / 10n);
    expect([t2?.data, t2?.to, t2?.nonce, t2?.gas]).toEqual([t1?.data, t1?.to, t1?.nonce, t1?.gas]);
    await expect(chain.client.getTransaction({ hash: first.txHash as Hex })).rejects.toThrow(); // evicted
    await chain.mine(1);
    await s.tick();
    const done = await row("stuck");
    expect(done).toMatchObject({ status: "CONFIRMED", txHash: second.txHash });
    expect(await chainNonce("catalog")).toBe(1);
    expect((await listed("course-stuck")).active).toBe(true);
  });

  it("waits for finality before confirming", async () => {
    await put("final", listing("course-final"));
    const s = sender("catalog", { finality: { kind: "confirmations", blocks: 2 } });
    await s.tick();
    await s.tick();
    const mined = await row("final");
    expect(mined.status).toBe("SENT");
    expect(mined.blockNumber).not.toBeNull();
    await chain.mine(2);
    await s.tick();
    expect((await row("final")).status).toBe("CONFIRMED");
  });

  it("never marks a mined row FAILED while its receipt lookups fail (RPC error ≠ not found)", async () => {
    await put("flaky", listing("course-flaky"));
    const s = sender("catalog", { finality: { kind: "confirmations", blocks: 5 } });
    await s.tick();
    await s.tick();
    expect((await row("flaky")).blockNumber).not.toBeNull();
    // Later: the node answers receipt lookups with errors, and the row is older than stuckAfterMs.
    const base = createPublicClient({ chain: hardhat, transport: http(chain.rpcUrl), cacheTime: 0 });
    const flaky = new Proxy(base, {
      get(target, prop, receiver) {
        if (prop === "getTransactionReceipt") return () => Promise.reject(new Error("HTTP request failed: 502"));
        return Reflect.get(target, prop, receiver) as unknown;
      },
    });
    const later = sender("catalog", { client: flaky, now: () => Date.now() + 3_600_000 });
    await expect(later.tick()).rejects.toThrow("502");
    await chain.mine(5);
    await expect(later.tick()).rejects.toThrow("502");
    expect((await row("flaky")).status).toBe("SENT");
    await s.tick();
    expect((await row("flaky")).status).toBe("CONFIRMED");
  });
});
