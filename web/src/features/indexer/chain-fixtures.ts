/**
 * Test/bench helpers that act on a local Hardhat chain with the platform deployed (test/chain.ts):
 * list a course, buy it, refund, record/revoke a card sale, mint/revoke a certificate — each as the
 * Hardhat account holding the needed role, through the generated ABIs. Not used by the app.
 */
import { createHash } from "node:crypto";
import { CID } from "multiformats/cid";
import * as Digest from "multiformats/hashes/digest";
import {
  zeroAddress,
  type Abi,
  type AbiFunction,
  type Address,
  type Hex,
  type PublicActions,
  type WalletActions,
} from "viem";
import { mnemonicToAccount } from "viem/accounts";
import { hardhat } from "viem/chains";
import { cidToParts } from "@smolitux/contracts/cid";
import { courseIdToBytes32 } from "@smolitux/contracts/courseId";
import type { PlatformContracts } from "@/server/contracts.ts";
import { HARDHAT_TEST_MNEMONIC } from "@/server/keys.ts";

/** Address of Hardhat test account `i` (0 deployer, 1 catalog, 2 payment oracle, 3 minter, 4 treasury, 5+ free). */
export const devAccount = (i: number): Address => mnemonicToAccount(HARDHAT_TEST_MNEMONIC, { addressIndex: i }).address;

type Client = PublicActions & WalletActions;

/** Chain actions bound to one client and deployment. */
export function chainActions(client: Client, contracts: PlatformContracts) {
  const mkt = contracts.CourseMarketplace;
  const cert = contracts.CourseCertificate;

  /** Sends `functionName` with arguments given BY NAME (robust to argument reordering in the ABI). */
  async function send(
    target: { address: Address; abi: Abi },
    functionName: string,
    named: Record<string, unknown>,
    from: Address,
    value = 0n,
  ): Promise<{ hash: Hex; blockNumber: bigint }> {
    const item = target.abi.find((i): i is AbiFunction => i.type === "function" && i.name === functionName);
    if (!item) throw new Error(`ABI has no ${functionName}`);
    const args = item.inputs.map((input) => {
      if (!input.name || !(input.name in named)) throw new Error(`${functionName}: no value for ${input.name ?? "?"}`);
      return named[input.name];
    });
    const hash = await client.writeContract({
      address: target.address,
      abi: [item],
      functionName,
      args,
      account: from,
      chain: hardhat,
      value,
    });
    const receipt = await client.waitForTransactionReceipt({ hash, pollingInterval: 20 });
    if (receipt.status !== "success") throw new Error(`${functionName} reverted`);
    return { hash, blockNumber: receipt.blockNumber };
  }

  return {
    /** Lists a course for the native coin at `price` wei with a refund window in seconds (catalog key). */
    list: (courseDbId: string, price: bigint, refundWindow = 86_400, provider = devAccount(6)) =>
      send(
        mkt,
        "setListing",
        {
          courseId: courseIdToBytes32(courseDbId),
          provider,
          token: zeroAddress,
          price,
          refundWindow,
          active: true,
        },
        devAccount(1),
      ),
    /** Buys a course with the native coin; the learner pays for themselves. */
    buy: (courseDbId: string, learner: Address, price: bigint) =>
      send(
        mkt,
        "purchase",
        { courseId: courseIdToBytes32(courseDbId), learner, token: zeroAddress, maxPrice: price, minRefundWindow: 0 },
        learner,
        price,
      ),
    /** Refunds the learner's escrowed purchase. */
    refund: (courseDbId: string, learner: Address) =>
      send(mkt, "refund", { courseId: courseIdToBytes32(courseDbId) }, learner),
    /** Records a card sale (payment oracle key) with its card refund window (seconds, default 14 days). */
    recordCard: (courseDbId: string, learner: Address, paymentRef: Hex, refundWindow = 14 * 86_400) =>
      send(
        mkt,
        "recordCardPurchase",
        { courseId: courseIdToBytes32(courseDbId), learner, paymentRef, refundWindow },
        devAccount(2),
      ),
    /** Revokes a card sale (payment oracle key). */
    revokeCard: (paymentRef: Hex) => send(mkt, "revokeCardPurchase", { paymentRef }, devAccount(2)),
    /** Mints a certificate (minter key) with a valid CIDv1 derived from `seed`. */
    mint: (courseDbId: string, learner: Address, seed = "cert") =>
      send(
        cert,
        "mint",
        { learner, courseId: courseIdToBytes32(courseDbId), ...cidToParts(cidOf(seed)) },
        devAccount(3),
      ),
    /** Revokes a certificate (minter key). */
    revokeCertificate: (tokenId: bigint, reason = "test") => send(cert, "revoke", { tokenId, reason }, devAccount(3)),
  };
}

/** CIDv1 (raw, sha2-256, base32) of `seed`. */
export function cidOf(seed: string): string {
  const digest = Digest.create(0x12, createHash("sha256").update(seed).digest());
  return CID.createV1(0x55, digest).toString();
}
