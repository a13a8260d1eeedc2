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

/** Languages whose speakers mostly pay in euros (used when the locale names no region). */
const EURO_LANGUAGES = new Set([
  "de",
  "fr",
  "es",
  "it",
  "nl",
  "pt",
  "fi",
  "el",
  "sk",
  "sl",
  "et",
  "lv",
  "lt",
  "mt",
  "ga",
]);

/**
 * The currency a price picker shows first for a visitor in `locale`: USD for a US locale (`en-US`), EUR
 * for other regions and for euro-area languages (`de`, `fr`, …), when offered; otherwise the first fiat
 * price, else the first token price, in the order given (the provider's order). Pure: server and client.
 * @returns null when `offered` is empty
 */
export function primaryCurrency(offered: readonly Currency[], locale: string): Currency | null {
  if (offered.length === 0) return null;
  const [language = "", region = ""] = locale.split(/[-_]/);
  const wanted: Currency | null =
    region.toUpperCase() === "US" ? "USD" : region !== "" || EURO_LANGUAGES.has(language.toLowerCase()) ? "EUR" : null;
  if (wanted && offered.includes(wanted)) return wanted;
  return offered.find((c) => isFiat(c)) ?? offered[0] ?? null;
}
