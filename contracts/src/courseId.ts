import { keccak256, toBytes } from "viem";

/**
 * On-chain id of a course: `keccak256` of the UTF-8 bytes of the course's stable database id.
 *
 * This is the single rule shared by the web app, the workers, the deploy scripts and the tests
 * (listings, purchases and certificates are all keyed by it).
 *
 * @param courseDbId - The course's database id exactly as stored (e.g. a cuid/uuid string); not
 *   trimmed or normalised, so `"abc"` and `"ABC"` are different courses.
 * @returns The 32-byte course id as a `0x`-prefixed lowercase hex string (66 characters).
 *
 * @example
 * ```ts
 * courseIdToBytes32("clx0course1");
 * // => "0x…" (bytes32), identical to Solidity `keccak256(bytes("clx0course1"))`
 * ```
 */
export function courseIdToBytes32(courseDbId: string): `0x${string}` {
  return keccak256(toBytes(courseDbId));
}
