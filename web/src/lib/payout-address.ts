/**
 * Payout addresses that can never receive a provider's earnings: the zero address (funds would burn) and the
 * platform's own contracts on any chain of the generated deployment module (escrow, token, certificate —
 * money sent there is stuck or re-enters the escrow). Checked wherever a payout address is accepted.
 */
import { deployedContracts } from "@smolitux/contracts";
import { getAddress, isAddress, zeroAddress } from "viem";

const PLATFORM_CONTRACTS: ReadonlySet<string> = new Set(
  Object.values(deployedContracts).flatMap((chain) =>
    Object.values(chain as Record<string, { address: string }>).map((c) => c.address.toLowerCase()),
  ),
);

/** Why `address` may not be a payout address (`zero_address`, `platform_contract`), or null when it may. */
export function payoutAddressProblem(address: string): "zero_address" | "platform_contract" | null {
  if (!isAddress(address, { strict: false })) return null; // format errors are reported by the address schema
  const lower = getAddress(address).toLowerCase();
  if (lower === zeroAddress) return "zero_address";
  return PLATFORM_CONTRACTS.has(lower) ? "platform_contract" : null;
}
