/**
 * Escrow transactions a user signs in the browser (wagmi actions; `Config` passed in): learner `refund`,
 * anyone's `release` / `releaseMany` (batch: one transaction for many matured sales) after the deadline,
 * and `withdraw` of a pull-payment balance. Each is simulated first
 * (so reverts surface as decoded custom errors), sent, and awaited until mined.
 */
import { simulateContract, waitForTransactionReceipt, writeContract } from "wagmi/actions";
import type { Address, Hash, Hex } from "viem";
import type { Config } from "wagmi";
import { marketplaceAbi } from "./purchase-flow.ts";

/** Who sends, where. */
export interface TxTarget {
  chainId: number;
  marketplace: Address;
  account: Address;
}

async function mined(config: Config, chainId: number, hash: Hash): Promise<Hash> {
  const receipt = await waitForTransactionReceipt(config, { chainId, hash });
  if (receipt.status !== "success") throw new Error(`transaction ${hash} reverted`);
  return hash;
}

/** `refund(courseId)` by the learner. @returns the mined tx hash @throws wallet/contract errors */
export async function sendRefund(config: Config, t: TxTarget, courseId: Hex): Promise<Hash> {
  const { request } = await simulateContract(config, {
    chainId: t.chainId,
    address: t.marketplace,
    abi: marketplaceAbi,
    account: t.account,
    functionName: "refund",
    args: [courseId],
  });
  return mined(config, t.chainId, await writeContract(config, request));
}

/** `release(learner, courseId)` (anyone, from the refund deadline on). @returns the mined tx hash */
export async function sendRelease(config: Config, t: TxTarget, learner: Address, courseId: Hex): Promise<Hash> {
  const { request } = await simulateContract(config, {
    chainId: t.chainId,
    address: t.marketplace,
    abi: marketplaceAbi,
    account: t.account,
    functionName: "release",
    args: [learner, courseId],
  });
  return mined(config, t.chainId, await writeContract(config, request));
}

/** Most purchases released per `releaseMany` transaction (~10k gas each; keeps a batch far below block limits). */
export const RELEASE_BATCH_SIZE = 100;

/**
 * `releaseMany(learners, courseIds)` (anyone): releases every matured escrowed purchase of `sales` in
 * batches of {@link RELEASE_BATCH_SIZE} (pairs that are no longer releasable are skipped on-chain).
 * @returns the mined tx hashes
 */
export async function sendReleaseMany(
  config: Config,
  t: TxTarget,
  sales: readonly { learner: Address; courseId: Hex }[],
): Promise<Hash[]> {
  const hashes: Hash[] = [];
  for (let i = 0; i < sales.length; i += RELEASE_BATCH_SIZE) {
    const batch = sales.slice(i, i + RELEASE_BATCH_SIZE);
    const { request } = await simulateContract(config, {
      chainId: t.chainId,
      address: t.marketplace,
      abi: marketplaceAbi,
      account: t.account,
      functionName: "releaseMany",
      args: [batch.map((s) => s.learner), batch.map((s) => s.courseId)],
    });
    hashes.push(await mined(config, t.chainId, await writeContract(config, request)));
  }
  return hashes;
}

/** `withdraw(token)` of the sender's balance (zero address = native coin). @returns the mined tx hash */
export async function sendWithdraw(config: Config, t: TxTarget, token: Address): Promise<Hash> {
  const { request } = await simulateContract(config, {
    chainId: t.chainId,
    address: t.marketplace,
    abi: marketplaceAbi,
    account: t.account,
    functionName: "withdraw",
    args: [token],
  });
  return mined(config, t.chainId, await writeContract(config, request));
}
