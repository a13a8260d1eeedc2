/** Integration: a chain that lost the platform's mined transactions gets them again. */
import { createPublicClient, http, zeroAddress, type Abi, type Address } from "viem";
import { hardhat } from "viem/chains";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { courseIdToBytes32 } from "@smolitux/contracts/courseId";
import { startTestChain, type TestChain } from "../../../test/chain.ts";
import { createTestDatabase, type TestDatabase } from "../../../test/db.ts";
import { platformSigner, type SignerRole } from "../keys.ts";
import { createOutboxSender, enqueue, listCourse, reconcileOutboxWithChain } from "./index.ts";

const DEV = { DEV_CHAIN_KEYS: true, CHAIN_ID: 31337 } as const;
const signerOf = (role: SignerRole) => platformSigner(role, DEV).address;
const silent = { info: () => undefined, warn: () => undefined, error: () => undefined };
const provider: Address = "0x15d34AAf54267DB7D7c367839AAf71A00a2C6A65";

let chain: TestChain;
let tdb: TestDatabase;
beforeAll(async () => {
  [chain, tdb] = await Promise.all([startTestChain(), createTestDatabase()]);
}, 90_000);
afterAll(async () => {
  await Promise.all([chain?.stop(), tdb?.drop()]);
});

async function listingCount(courseDbId: string): Promise<number> {
  const logs = await chain.client.getContractEvents({
    address: chain.contracts.CourseMarketplace.address,
    abi: chain.contracts.CourseMarketplace.abi,
    eventName: "ListingSet",
    args: { courseId: courseIdToBytes32(courseDbId) },
    fromBlock: 0n,
  });
  return logs.length;
}

describe("reconcileOutboxWithChain", () => {
  it("re-sends confirmed transactions the chain lost, and leaves an intact chain alone", async () => {
    const client = createPublicClient({ chain: hardhat, transport: http(chain.rpcUrl), cacheTime: 0 });
    const c = chain.contracts;
    const sender = createOutboxSender({
      db: tdb.db,
      client,
      signer: platformSigner("catalog", DEV),
      chainId: 31337,
      finality: { kind: "confirmations", blocks: 0 },
      stuckAfterMs: 60_000,
      abis: [c.CourseMarketplace.abi, c.CourseCertificate.abi, c.ESNToken.abi] as Abi[],
      log: silent,
    });
    const fresh = await chain.snapshot(); // "the node as it starts"
    for (const id of ["course-a", "course-b"]) {
      const req = listCourse(c, {
        courseDbId: id,
        provider,
        token: zeroAddress,
        price: 10n ** 18n,
        refundWindowSeconds: 86_400,
        active: true,
      });
      await enqueue(tdb.db, { idempotencyKey: `list:${id}`, ...req }, signerOf);
    }
    await sender.tick();
    await sender.tick();
    expect(await tdb.db.outboxTx.count({ where: { status: "CONFIRMED" } })).toBe(2);

    expect(await reconcileOutboxWithChain(tdb.db, client)).toEqual({});

    await chain.revert(fresh); // the chain restarts empty; the database keeps its rows
    expect(await listingCount("course-a")).toBe(0);
    expect(await reconcileOutboxWithChain(tdb.db, client)).toEqual({ [signerOf("catalog")]: 2 });
    const reset = await tdb.db.outboxTx.findMany({ select: { status: true, nonce: true, txHash: true } });
    expect(reset.every((r) => r.status === "PENDING" && r.nonce === null && r.txHash === null)).toBe(true);

    await sender.tick();
    await sender.tick();
    expect(await tdb.db.outboxTx.count({ where: { status: "CONFIRMED" } })).toBe(2);
    expect(await listingCount("course-a")).toBe(1);
    expect(await listingCount("course-b")).toBe(1);
  });
});
