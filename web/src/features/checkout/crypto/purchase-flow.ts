/**
 * Browser-side purchase flow through the connected wallet (wagmi actions; the wagmi `Config` is passed in).
 * Native coin: `purchase` with `msg.value` = maxPrice. ERC-20: an EIP-2612 permit signed for maxPrice and
 * `purchaseWithPermit` when the token describes its EIP-712 domain (EIP-5267), else `approve` then `purchase`.
 * `maxPrice` is the price the user saw: a higher on-chain price reverts (`CourseMarketplacePriceAboveMax`);
 * `minRefundWindow` is the refund window the user saw: a shorter on-chain window reverts
 * (`CourseMarketplaceRefundWindowBelowMin`), so the learner always gets at least the terms displayed.
 */
import { readContract, signTypedData, simulateContract, waitForTransactionReceipt, writeContract } from "wagmi/actions";
import { zeroAddress, type Address, type Hash, type TransactionReceipt } from "viem";
import type { Config } from "wagmi";
import { deployedContracts } from "@smolitux/contracts";
import { buildPermitTypedData, domainFromEip5267, permitDeadline, permitSignatureArgs } from "./permit.ts";

/** ABI of CourseMarketplace (identical on every chain; taken from the generated module). */
export const marketplaceAbi = deployedContracts[31337].CourseMarketplace.abi;
/** ABI of the ESN token (ERC-20 + ERC-2612 + EIP-5267). */
export const tokenAbi = deployedContracts[31337].ESNToken.abi;
/** ABI of CourseCertificate. */
export const certificateAbi = deployedContracts[31337].CourseCertificate.abi;

/** One purchase request. Amounts in base units (wei). */
export interface PurchaseRequest {
  chainId: number;
  marketplace: Address;
  /** bytes32 course id */
  courseId: `0x${string}`;
  /** connected account (payer) */
  buyer: Address;
  /** receives access: the buyer, or a gift recipient */
  learner: Address;
  /** payment token; zero address = native coin */
  token: Address;
  /** the price shown to the user */
  maxPrice: bigint;
  /** the refund window shown to the user, in seconds (the purchase reverts if the listing's is shorter) */
  minRefundWindow: number;
}

/** Steps the UI shows while the flow runs. */
export type PurchaseStep = "approve" | "sign-permit" | "confirm-purchase" | "mining";

/** Progress callbacks of {@link runPurchase}. */
export interface PurchaseCallbacks {
  onStep(step: PurchaseStep, extra?: { hash?: Hash; method?: "permit" | "approve" | "native" }): void;
}

/** The permit domain of `token`, or null when it does not support EIP-5267/2612 (approve flow). */
export async function readPermitDomain(config: Config, chainId: number, token: Address) {
  try {
    const result = await readContract(config, { chainId, address: token, abi: tokenAbi, functionName: "eip712Domain" });
    return domainFromEip5267(result);
  } catch {
    return null;
  }
}

async function mine(config: Config, chainId: number, hash: Hash, cb: PurchaseCallbacks): Promise<TransactionReceipt> {
  cb.onStep("mining", { hash });
  const receipt = await waitForTransactionReceipt(config, { chainId, hash });
  if (receipt.status !== "success") throw new Error(`transaction ${hash} reverted`);
  return receipt;
}

/**
 * Runs the purchase and resolves with the mined purchase transaction's receipt.
 * @throws the wallet/contract error (map it with `mapWalletError`)
 */
export async function runPurchase(
  config: Config,
  r: PurchaseRequest,
  cb: PurchaseCallbacks,
): Promise<TransactionReceipt> {
  const base = { chainId: r.chainId, address: r.marketplace, abi: marketplaceAbi, account: r.buyer } as const;
  if (r.token === zeroAddress) {
    cb.onStep("confirm-purchase", { method: "native" });
    const { request } = await simulateContract(config, {
      ...base,
      functionName: "purchase",
      args: [r.courseId, r.learner, r.token, r.maxPrice, r.minRefundWindow],
      value: r.maxPrice,
    });
    return mine(config, r.chainId, await writeContract(config, request), cb);
  }

  const domain = await readPermitDomain(config, r.chainId, r.token);
  if (domain) {
    const nonce = await readContract(config, {
      chainId: r.chainId,
      address: r.token,
      abi: tokenAbi,
      functionName: "nonces",
      args: [r.buyer],
    });
    cb.onStep("sign-permit", { method: "permit" });
    const deadline = permitDeadline(Date.now() / 1000);
    const typed = buildPermitTypedData(domain, {
      owner: r.buyer,
      spender: r.marketplace,
      value: r.maxPrice,
      nonce,
      deadline,
    });
    const signature = await signTypedData(config, { account: r.buyer, ...typed });
    const { v, r: sr, s } = permitSignatureArgs(signature);
    cb.onStep("confirm-purchase", { method: "permit" });
    const { request } = await simulateContract(config, {
      ...base,
      functionName: "purchaseWithPermit",
      args: [r.courseId, r.learner, r.token, r.maxPrice, r.minRefundWindow, deadline, v, sr, s],
    });
    return mine(config, r.chainId, await writeContract(config, request), cb);
  }

  const allowance = await readContract(config, {
    chainId: r.chainId,
    address: r.token,
    abi: tokenAbi,
    functionName: "allowance",
    args: [r.buyer, r.marketplace],
  });
  if (allowance < r.maxPrice) {
    cb.onStep("approve", { method: "approve" });
    const { request } = await simulateContract(config, {
      chainId: r.chainId,
      address: r.token,
      abi: tokenAbi,
      account: r.buyer,
      functionName: "approve",
      args: [r.marketplace, r.maxPrice],
    });
    await mine(config, r.chainId, await writeContract(config, request), cb);
  }
  cb.onStep("confirm-purchase", { method: "approve" });
  const { request } = await simulateContract(config, {
    ...base,
    functionName: "purchase",
    args: [r.courseId, r.learner, r.token, r.maxPrice, r.minRefundWindow],
  });
  return mine(config, r.chainId, await writeContract(config, request), cb);
}
