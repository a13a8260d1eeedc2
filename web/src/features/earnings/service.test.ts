/** Earnings against a real local chain and database: escrow → releasable → released → withdrawn. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getAddress, parseEther, zeroAddress, type Address } from "viem";
import { mnemonicToAccount } from "viem/accounts";
import { courseIdToBytes32 } from "@smolitux/contracts/courseId";
import { startTestChain, type TestChain } from "../../../test/chain.ts";
import { createTestDatabase, type TestDatabase } from "../../../test/db.ts";
import { PURCHASE_STATUS } from "../enrollment/purchases.ts";
import { providerEarnings } from "./service.ts";

const MNEMONIC = "test test test test test test test test test test test junk";
const addr = (i: number): Address => mnemonicToAccount(MNEMONIC, { addressIndex: i }).address;
const catalog = addr(1);
const learner = addr(5);
const provider = addr(6);

let chain: TestChain;
let tdb: TestDatabase;
let userId: string;
let courseChainId: `0x${string}`;

beforeAll(async () => {
  [chain, tdb] = await Promise.all([startTestChain(), createTestDatabase()]);
  const user = await tdb.db.user.create({
    data: { email: "prov@example.org", roles: ["LEARNER", "PROVIDER"], payoutAddress: provider },
  });
  userId = user.id;
  const course = await tdb.db.course.create({ data: { slug: "earn", title: "Earn", providerId: user.id } });
  courseChainId = courseIdToBytes32(course.id);
  await tdb.db.course.update({ where: { id: course.id }, data: { onchainCourseId: courseChainId } });
}, 120_000);
afterAll(async () => {
  await chain?.stop();
  await tdb?.drop();
});

describe("providerEarnings", () => {
  it("follows a native sale from escrow to withdrawal", async () => {
    const m = chain.contracts.CourseMarketplace;
    const deps = { db: tdb.db, client: chain.client, contracts: chain.contracts };
    const send = async (hash: Promise<`0x${string}`>) => chain.client.waitForTransactionReceipt({ hash: await hash });
    await send(
      chain.client.writeContract({
        account: catalog,
        chain: chain.client.chain,
        address: m.address,
        abi: m.abi,
        functionName: "setListing",
        args: [courseChainId, zeroAddress, provider, parseEther("1"), 3600, true],
      }),
    );
    const receipt = await send(
      chain.client.writeContract({
        account: learner,
        chain: chain.client.chain,
        address: m.address,
        abi: m.abi,
        functionName: "purchase",
        args: [courseChainId, learner, zeroAddress, parseEther("1"), 0],
        value: parseEther("1"),
      }),
    );
    // the row the indexer writes for the finalized PurchaseRecorded event
    await tdb.db.purchase.create({
      data: {
        chainId: 31337,
        purchaseId: 1,
        courseChainId,
        learner,
        buyer: learner,
        token: zeroAddress,
        amount: parseEther("1").toString(),
        status: PURCHASE_STATUS.ESCROWED,
        txHash: receipt.transactionHash,
      },
    });

    let e = await providerEarnings(deps, userId);
    const matic = () => e.currencies.find((c) => c.currency === "POL");
    expect(e.payoutAddress).toBe(getAddress(provider));
    expect(e.sales).toHaveLength(1);
    expect(e.sales[0]).toMatchObject({ purchaseId: "1", state: "escrowed", currency: "POL", learner });
    // 10 % platform fee on the local deployment
    expect(matic()).toMatchObject({ escrowed: parseEther("0.9").toString(), releasable: "0", withdrawable: "0" });

    await chain.client.increaseTime({ seconds: 3601 });
    await chain.client.mine({ blocks: 1 });
    e = await providerEarnings(deps, userId);
    expect(e.sales[0]?.state).toBe("releasable");
    expect(matic()).toMatchObject({ escrowed: "0", releasable: parseEther("0.9").toString() });

    await send(
      chain.client.writeContract({
        account: learner,
        chain: chain.client.chain,
        address: m.address,
        abi: m.abi,
        functionName: "release",
        args: [learner, courseChainId],
      }),
    );
    e = await providerEarnings(deps, userId);
    expect(e.sales[0]?.state).toBe("settling");
    expect(matic()).toMatchObject({ releasable: "0", withdrawable: parseEther("0.9").toString(), withdrawn: "0" });

    await send(
      chain.client.writeContract({
        account: provider,
        chain: chain.client.chain,
        address: m.address,
        abi: m.abi,
        functionName: "withdraw",
        args: [zeroAddress],
      }),
    );
    e = await providerEarnings(deps, userId);
    expect(matic()).toMatchObject({ withdrawable: "0", withdrawn: parseEther("0.9").toString() });
    expect(e.currencies.find((c) => c.currency === "ESN")).toMatchObject({ withdrawn: "0", escrowed: "0" });
  });

  it("shows nothing for a provider without courses or payout address", async () => {
    const other = await tdb.db.user.create({ data: { email: "x@example.org", roles: ["PROVIDER"] } });
    const e = await providerEarnings({ db: tdb.db, client: chain.client, contracts: chain.contracts }, other.id);
    expect(e).toMatchObject({ payoutAddress: null, sales: [] });
    expect(e.currencies.every((c) => c.withdrawable === "0" && c.escrowed === "0")).toBe(true);
  });
});
