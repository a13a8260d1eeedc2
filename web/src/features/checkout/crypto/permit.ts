/**
 * EIP-2612 `permit` typed data (EIP-712) for paying a course with an ERC-20 token in one transaction
 * (`CourseMarketplace.purchaseWithPermit`). Pure: the caller reads the token's domain and nonce first.
 */
import { getAddress, parseSignature, type Address, type Hex } from "viem";

/** EIP-712 domain of a permit token (from EIP-5267 `eip712Domain()` or `name()` + version "1"). */
export interface PermitDomain {
  name: string;
  version: string;
  chainId: number;
  verifyingContract: Address;
}

/** What the permit authorizes. `value` and `nonce` in base units / counts; `deadline` in Unix seconds. */
export interface PermitMessage {
  owner: Address;
  spender: Address;
  value: bigint;
  nonce: bigint;
  deadline: bigint;
}

/** The EIP-2612 `Permit` struct type. */
export const PERMIT_TYPES = {
  Permit: [
    { name: "owner", type: "address" },
    { name: "spender", type: "address" },
    { name: "value", type: "uint256" },
    { name: "nonce", type: "uint256" },
    { name: "deadline", type: "uint256" },
  ],
} as const;

/**
 * Typed data to pass to `signTypedData` (viem/wagmi) / `eth_signTypedData_v4` for an EIP-2612 permit.
 * Addresses are checksummed.
 * @throws Error when the deadline is not positive or the value is negative
 */
export function buildPermitTypedData(domain: PermitDomain, message: PermitMessage) {
  if (message.deadline <= 0n) throw new Error("permit deadline must be a positive Unix time (s)");
  if (message.value < 0n) throw new Error("permit value must not be negative");
  return {
    domain: {
      name: domain.name,
      version: domain.version,
      chainId: domain.chainId,
      verifyingContract: getAddress(domain.verifyingContract),
    },
    types: PERMIT_TYPES,
    primaryType: "Permit" as const,
    message: {
      owner: getAddress(message.owner),
      spender: getAddress(message.spender),
      value: message.value,
      nonce: message.nonce,
      deadline: message.deadline,
    },
  };
}

/**
 * Permit deadline: `nowSeconds + ttlSeconds` (default 20 minutes), in Unix seconds.
 */
export function permitDeadline(nowSeconds: number, ttlSeconds = 1200): bigint {
  return BigInt(Math.floor(nowSeconds)) + BigInt(ttlSeconds);
}

/**
 * Splits a 65-byte ECDSA signature into the `(v, r, s)` arguments of `permit` (v = 27/28).
 * @throws Error (viem) for a malformed signature
 */
export function permitSignatureArgs(signature: Hex): { v: number; r: Hex; s: Hex } {
  const sig = parseSignature(signature);
  const v = sig.v !== undefined ? Number(sig.v) : 27 + (sig.yParity ?? 0);
  return { v, r: sig.r, s: sig.s };
}

/**
 * The domain of a token from its EIP-5267 `eip712Domain()` result, or null when the token does not
 * describe one (then permit support is unknown: fall back to approve + purchase).
 * @param fields the `eip712Domain()` tuple `[fields, name, version, chainId, verifyingContract, salt, extensions]`
 */
export function domainFromEip5267(
  result: readonly [Hex, string, string, bigint, Address, Hex, readonly bigint[]],
): PermitDomain | null {
  const [fields, name, version, chainId, verifyingContract] = result;
  // bit 0 name, 1 version, 2 chainId, 3 verifyingContract — a permit domain needs all four
  if ((Number(fields) & 0x0f) !== 0x0f) return null;
  return { name, version, chainId: Number(chainId), verifyingContract: getAddress(verifyingContract) };
}
