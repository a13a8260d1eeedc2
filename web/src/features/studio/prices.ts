/**
 * Exact conversion of decimal price text to integer units — never through floating point:
 * EUR/USD "19.99" → 1999 cents (at most 2 decimals), POL/ESN "0.5" → 500000000000000000 wei (at most 18
 * decimals, viem `parseUnits`). Token prices must fit the marketplace's uint96.
 */
import { formatUnits, parseUnits } from "viem";
import { DECIMALS, isFiat, type Currency } from "@/lib/money.ts";

/** Largest on-chain price (uint96) in base units. */
export const MAX_TOKEN_UNITS = 2n ** 96n - 1n;
/** Largest fiat price in cents (1 000 000.00). */
export const MAX_FIAT_CENTS = 100_000_000n;

/** Why a price text was rejected (shown beside the field). */
export class PriceFormatError extends Error {
  constructor(
    message: string,
    /** stable code for the UI (studio.fieldErrors): price_format, price_decimals, price_zero, price_too_high */
    readonly code: "price_format" | "price_decimals" | "price_zero" | "price_too_high",
  ) {
    super(message);
    this.name = "PriceFormatError";
  }
}

/**
 * Converts a decimal amount to integer units of `currency` (cents or wei).
 * @param text e.g. "19.99", "25", "0.5" (a dot as decimal separator, no sign, no exponent, no grouping)
 * @throws PriceFormatError for malformed text, too many decimals, zero, or an amount above the maximum
 */
export function parsePrice(currency: Currency, text: string): bigint {
  const decimals = DECIMALS[currency];
  const s = text.trim();
  if (!/^\d{1,30}(\.\d+)?$/.test(s)) throw new PriceFormatError("Enter an amount like 19.99.", "price_format");
  const fraction = s.split(".")[1] ?? "";
  if (fraction.length > decimals) {
    throw new PriceFormatError(`At most ${decimals} decimal places for ${currency}.`, "price_decimals");
  }
  const units = parseUnits(s, decimals);
  if (units <= 0n) throw new PriceFormatError("The price must be more than zero.", "price_zero");
  const max = isFiat(currency) ? MAX_FIAT_CENTS : MAX_TOKEN_UNITS;
  if (units > max)
    throw new PriceFormatError(`The price is too high (at most ${formatUnits(max, decimals)}).`, "price_too_high");
  return units;
}

/** Integer units back to the decimal text the form shows ("19.99", "25", "0.5"). */
export function priceText(currency: Currency, units: bigint): string {
  return formatUnits(units, DECIMALS[currency]);
}
