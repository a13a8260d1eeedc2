/**
 * Typed builders for every platform-signed transaction kind. Each returns the request to pass to
 * `enqueue` (with an idempotency key): the signer role, the target contract, the ABI-encoded call
 * (viem `encodeFunctionData` with the generated ABIs) and readable `args` for logs and support.
 *
 * Arguments are matched to the ABI by parameter NAME, not position, so a reordered Solidity signature
 * cannot silently swap two same-typed arguments (e.g. `token` and `provider`); a renamed or added
 * parameter throws {@link AbiMismatchError} instead of encoding a wrong call.
 */
import { encodeFunctionData, getAddress, type Abi, type AbiFunction, type Address, type Hex } from "viem";
import { cidToParts } from "@smolitux/contracts/cid";
import { courseIdToBytes32 } from "@smolitux/contracts/courseId";
import type { PlatformContracts } from "../contracts.ts";
import type { SignerRole } from "../keys.ts";

/** Transaction kinds of the outbox. */
export const OUTBOX_KINDS = [
  "listCourse",
  "setProviderWithSig",
  "recordCardPurchase",
  "revokeCardPurchase",
  "mintCertificate",
  "revokeCertificate",
] as const;
/** One outbox transaction kind. */
export type OutboxKind = (typeof OUTBOX_KINDS)[number];

/** The role that signs each kind (holder of the contract role the function requires). */
export const KIND_SIGNER: Record<OutboxKind, SignerRole> = {
  listCourse: "catalog",
  setProviderWithSig: "catalog",
  recordCardPurchase: "paymentOracle",
  revokeCardPurchase: "paymentOracle",
  mintCertificate: "certificateMinter",
  revokeCertificate: "certificateMinter",
};

/** The generated ABI no longer has the parameters a builder supplies. */
export class AbiMismatchError extends Error {
  constructor(functionName: string, detail: string) {
    super(`ABI of ${functionName} does not match the outbox builder: ${detail}`);
    this.name = "AbiMismatchError";
  }
}

/**
 * ABI-encodes `functionName(named…)`, ordering the arguments by the ABI's parameter names.
 * @throws AbiMismatchError when the function is missing or its parameter names differ from `named`
 */
export function encodeNamed(abi: Abi, functionName: string, named: Record<string, unknown>): Hex {
  const fn = abi.find((item): item is AbiFunction => item.type === "function" && item.name === functionName);
  if (!fn) throw new AbiMismatchError(functionName, "function not found");
  const names = fn.inputs.map((input) => input.name ?? "");
  const missing = names.filter((n) => !(n in named));
  const extra = Object.keys(named).filter((n) => !names.includes(n));
  if (missing.length > 0 || extra.length > 0) {
    throw new AbiMismatchError(
      functionName,
      `ABI parameters (${names.join(", ")}), given (${Object.keys(named).join(", ")})`,
    );
  }
  return encodeFunctionData({ abi: [fn], functionName, args: names.map((n) => named[n]) });
}

/** A contract call ready for `enqueue` (add `idempotencyKey`). `value` in wei. */
export interface OutboxRequest {
  kind: OutboxKind;
  signerRole: SignerRole;
  to: Address;
  data: Hex;
  value: bigint;
  /** Decoded arguments for humans (bigints as decimal strings). */
  args: Record<string, string | boolean>;
}

/** Arguments of {@link listCourse}: `CourseMarketplace.setListing`. */
export interface ListCourseArgs {
  /** The course's database id; hashed with `courseIdToBytes32`. */
  courseDbId: string;
  /** Payout address of the provider. */
  provider: Address;
  /** Payment token; the zero address = native coin (POL, ETH locally). */
  token: Address;
  /** Price in base units of `token` (wei for the native coin); < 2^96. */
  price: bigint;
  /** Refund window in seconds (<= 30 days, enforced on-chain). */
  refundWindowSeconds: number;
  /** Whether new purchases are accepted. */
  active: boolean;
}

/** `CourseMarketplace.setListing(courseId, token, provider, price, refundWindow, active)` signed by the catalog key (arguments encoded by name). */
export function listCourse(contracts: PlatformContracts, a: ListCourseArgs): OutboxRequest {
  const courseId = courseIdToBytes32(a.courseDbId);
  const provider = getAddress(a.provider);
  const token = getAddress(a.token);
  return {
    kind: "listCourse",
    signerRole: KIND_SIGNER.listCourse,
    to: contracts.CourseMarketplace.address,
    data: encodeNamed(contracts.CourseMarketplace.abi, "setListing", {
      courseId,
      token,
      provider,
      price: a.price,
      refundWindow: a.refundWindowSeconds,
      active: a.active,
    }),
    value: 0n,
    args: {
      courseDbId: a.courseDbId,
      courseId,
      provider,
      token,
      price: a.price.toString(),
      refundWindowSeconds: String(a.refundWindowSeconds),
      active: a.active,
    },
  };
}

/** Arguments of {@link setProviderWithSig}. */
export interface SetProviderWithSigArgs {
  courseDbId: string;
  /** the new payout address of the course's provider */
  newProvider: Address;
  /** Unix time (s) after which the signature is void */
  deadline: bigint;
  /** the current provider's EIP-712 `ProviderChange` signature (65-byte ECDSA or ERC-1271 bytes) */
  signature: Hex;
}

/**
 * `CourseMarketplace.setProviderWithSig(courseId, newProvider, deadline, signature)`: the catalog key relays
 * the provider's own consent to move its payout address (the catalog key alone cannot move it).
 */
export function setProviderWithSig(contracts: PlatformContracts, a: SetProviderWithSigArgs): OutboxRequest {
  const courseId = courseIdToBytes32(a.courseDbId);
  const newProvider = getAddress(a.newProvider);
  return {
    kind: "setProviderWithSig",
    signerRole: KIND_SIGNER.setProviderWithSig,
    to: contracts.CourseMarketplace.address,
    data: encodeNamed(contracts.CourseMarketplace.abi, "setProviderWithSig", {
      courseId,
      newProvider,
      deadline: a.deadline,
      signature: a.signature,
    }),
    value: 0n,
    args: { courseDbId: a.courseDbId, courseId, newProvider, deadline: a.deadline.toString() },
  };
}

/** Arguments of {@link recordCardPurchase}. */
export interface RecordCardPurchaseArgs {
  courseDbId: string;
  /** Learner wallet that receives access. */
  learner: Address;
  /** Non-zero bytes32 reference of the card payment, unique per sale (e.g. keccak256 of the Stripe payment intent id). */
  paymentRef: Hex;
  /**
   * Card refund window of the sale in seconds (fixed at checkout, 0 … 30 days): the contract records
   * `block time + window` as the purchase's refund deadline, from which the provider's share is paid out.
   */
  refundWindowSeconds: number;
}

/**
 * `CourseMarketplace.recordCardPurchase(courseId, learner, paymentRef, refundWindow)` signed by the
 * payment oracle.
 */
export function recordCardPurchase(contracts: PlatformContracts, a: RecordCardPurchaseArgs): OutboxRequest {
  const courseId = courseIdToBytes32(a.courseDbId);
  const learner = getAddress(a.learner);
  return {
    kind: "recordCardPurchase",
    signerRole: KIND_SIGNER.recordCardPurchase,
    to: contracts.CourseMarketplace.address,
    data: encodeNamed(contracts.CourseMarketplace.abi, "recordCardPurchase", {
      courseId,
      learner,
      paymentRef: a.paymentRef,
      refundWindow: a.refundWindowSeconds,
    }),
    value: 0n,
    args: {
      courseDbId: a.courseDbId,
      courseId,
      learner,
      paymentRef: a.paymentRef,
      refundWindowSeconds: String(a.refundWindowSeconds),
    },
  };
}

/** `CourseMarketplace.revokeCardPurchase(paymentRef)` (card refund) signed by the payment oracle. */
export function revokeCardPurchase(contracts: PlatformContracts, a: { paymentRef: Hex }): OutboxRequest {
  return {
    kind: "revokeCardPurchase",
    signerRole: KIND_SIGNER.revokeCardPurchase,
    to: contracts.CourseMarketplace.address,
    data: encodeNamed(contracts.CourseMarketplace.abi, "revokeCardPurchase", { paymentRef: a.paymentRef }),
    value: 0n,
    args: { paymentRef: a.paymentRef },
  };
}

/** Arguments of {@link mintCertificate}. */
export interface MintCertificateArgs {
  learner: Address;
  courseDbId: string;
  /** CIDv1 (base32 "b…", sha2-256) of the certificate metadata JSON; other forms revert on-chain. */
  cid: string;
}

/**
 * `CourseCertificate.mint(learner, courseId, codec, digest)` signed by the certificate minter; the CID
 * string is passed as its multicodec and sha2-256 digest (`cidToParts`), which the contract re-encodes
 * byte-identically in `tokenURI`.
 * @throws InvalidCidError when `cid` is not a CIDv1 base32 sha2-256 string
 */
export function mintCertificate(contracts: PlatformContracts, a: MintCertificateArgs): OutboxRequest {
  const courseId = courseIdToBytes32(a.courseDbId);
  const learner = getAddress(a.learner);
  return {
    kind: "mintCertificate",
    signerRole: KIND_SIGNER.mintCertificate,
    to: contracts.CourseCertificate.address,
    data: encodeNamed(contracts.CourseCertificate.abi, "mint", { learner, courseId, ...cidToParts(a.cid) }),
    value: 0n,
    args: { learner, courseDbId: a.courseDbId, courseId, cid: a.cid },
  };
}

/** `CourseCertificate.revoke(tokenId, reason)` signed by the certificate minter. */
export function revokeCertificate(contracts: PlatformContracts, a: { tokenId: bigint; reason: string }): OutboxRequest {
  return {
    kind: "revokeCertificate",
    signerRole: KIND_SIGNER.revokeCertificate,
    to: contracts.CourseCertificate.address,
    data: encodeNamed(contracts.CourseCertificate.abi, "revoke", { tokenId: a.tokenId, reason: a.reason }),
    value: 0n,
    args: { tokenId: a.tokenId.toString(), reason: a.reason },
  };
}
