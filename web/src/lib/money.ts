/**
 * Money in integer units: cents for EUR/USD, base units (wei, 18 decimals) for POL and ESN.
 * Never floats; amounts are `bigint`.
 */
import { formatUnits } from "viem";

export const CURRENCIES = ["EUR", "USD", "POL", "ESN"] as const;
/**
 * Former currency codes still accepted on input (API queries, studio forms, course import files) and
 * mapped to the current one: Polygon's native coin MATIC was renamed POL in 2024 (POL is what Polygon's
 * chain metadata and wallets show).
 */
export const CURRENCY_ALIASES: Readonly<Record<string, Currency>> = { MATIC: "POL" };

/** `code` upper-cased, with a former code (MATIC) mapped to the current one (POL); other input unchanged. */
export function normalizeCurrencyCode(code: string): string {
  const upper = code.trim().toUpperCase();
  return CURRENCY_ALIASES[upper] ?? upper;
}
export type Currency = (typeof CURRENCIES)[number];

/** Decimal places of each currency's minor/base unit. */
export const DECIMALS: Record<Currency, number> = { EUR: 2, USD: 2, POL: 18, ESN: 18 };

/** True for the currencies paid by card (Stripe); the others are paid on-chain. */
export function isFiat(c: Currency): c is "EUR" | "USD" {
  return c === "EUR" || c === "USD";
}

/**
 * Converts a Prisma Decimal / string / number holding an integer amount to bigint.
 * @throws RangeError when the value is not an integer
 */
export function toUnits(value: { toFixed(dp: number): string } | string | bigint): bigint {
  if (typeof value === "bigint") return value;
  const s = typeof value === "string" ? value : value.toFixed(0);
  if (!/^-?\d+$/.test(s)) throw new RangeError(`not an integer amount: ${s}`);
  return BigInt(s);
}

/**
 * Human-readable price, e.g. `€19.99`, `$21.99`, `25 ESN`, `0.5 POL`.
 * @param amount cents (fiat) or wei (tokens)
 * @param locale BCP 47 locale for fiat formatting
 */
export function formatPrice(amount: bigint, currency: Currency, locale = "en"): string {
  if (isFiat(currency)) {
    const major = formatUnits(amount, 2);
    return new Intl.NumberFormat(locale, { style: "currency", currency }).format(Number(major));
  }
  return `${formatUnits(amount, DECIMALS[currency])} ${currency}`;
}
