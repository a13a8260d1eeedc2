/**
 * Exact amount arithmetic of the escrow (base units as bigint, never floats).
 */
import { formatUnits } from "viem";

/** Basis points in 100 %. */
export const BPS = 10_000n;

/**
 * The release split of an escrowed amount, as `CourseMarketplace.splitAmount`: the fee is rounded down,
 * the provider receives the rest.
 * @param amount base units
 * @param feeBps platform fee in basis points (0..10000)
 * @throws RangeError for a negative amount or a fee outside 0..10000 bp
 */
export function splitAmount(amount: bigint, feeBps: number): { providerAmount: bigint; feeAmount: bigint } {
  if (amount < 0n) throw new RangeError("amount must not be negative");
  if (!Number.isInteger(feeBps) || feeBps < 0 || feeBps > 10_000) throw new RangeError("feeBps must be 0..10000");
  const feeAmount = (amount * BigInt(feeBps)) / BPS;
  return { providerAmount: amount - feeAmount, feeAmount };
}

/** Sum of base-unit amounts. */
export function sumAmounts(amounts: Iterable<bigint>): bigint {
  let total = 0n;
  for (const a of amounts) total += a;
  return total;
}

/**
 * Exact decimal string of a base-unit amount with its symbol, e.g. `12.5 ESN` (no rounding, no floats).
 * @param decimals token decimals (18 for POL/ESN)
 */
export function formatTokenAmount(amount: bigint, decimals: number, symbol: string): string {
  return `${formatUnits(amount, decimals)} ${symbol}`;
}
