/**
 * The catalog query (browse page `/courses` and `GET /api/courses`), validated field by field with zod so
 * that the page can drop a bad value with a notice while the API answers 400 naming the field.
 */
import { parseUnits } from "viem";
import { z } from "zod";
import { CURRENCIES, DECIMALS, normalizeCurrencyCode, type Currency } from "@/lib/money";

export const PAGE_SIZE = 12;
export const LEVELS = ["BEGINNER", "INTERMEDIATE", "ADVANCED"] as const;
export type Level = (typeof LEVELS)[number];
export const SORTS = ["relevance", "newest", "price_asc", "price_desc", "rating"] as const;
export type Sort = (typeof SORTS)[number];

/** A validated catalog query. Prices are integer units (cents for EUR/USD, wei for POL/ESN). */
export interface CatalogQuery {
  /** full-text search words (websearch syntax: quotes, `or`, `-word`) */
  q?: string;
  /** available language, ISO 639-1: the course language (matches `de` and `de-AT`) or a lesson translation's */
  language?: string;
  level?: Level;
  category?: string;
  /** only courses offering this currency; also the currency of the price range and of price sorting */
  currency?: Currency;
  minPrice?: bigint;
  maxPrice?: bigint;
  /** true: free courses only; false: paid courses only */
  free?: boolean;
  /** `relevance` only applies with `q`; without it the default is `newest` */
  sort: Sort;
  /** 1-based */
  page: number;
}

const units = z
  .string()
  .regex(/^\d{1,78}$/, "must be a whole number of cents or wei")
  .transform(BigInt);

const fields = {
  q: z.string().trim().max(200, "must be at most 200 characters"),
  language: z
    .string()
    .trim()
    .toLowerCase()
    .regex(/^[a-z]{2,3}$/, "must be a language code such as en or de"),
  level: z
    .string()
    .toUpperCase()
    .pipe(z.enum(LEVELS, { error: "must be beginner, intermediate or advanced" })),
  category: z.string().trim().min(1).max(64, "must be at most 64 characters"),
  currency: z
    .string()
    .transform(normalizeCurrencyCode)
    .pipe(z.enum(CURRENCIES, { error: `must be one of ${CURRENCIES.join(", ")}` })),
  minPrice: units,
  maxPrice: units,
  free: z
    .enum(["true", "false", "1", "0"], { error: "must be true or false" })
    .transform((v) => v === "true" || v === "1"),
  sort: z.enum(SORTS, { error: `must be one of ${SORTS.join(", ")}` }),
  page: z.coerce
    .number({ error: "must be a page number" })
    .int("must be a page number")
    .min(1, "must be at least 1")
    .max(10_000, "must be at most 10000"),
} as const;

type FieldName = keyof typeof fields;
export const QUERY_FIELDS = Object.keys(fields) as FieldName[];

/** Raw query-string values (first value of each key); empty strings count as absent. */
export type RawQuery = Partial<Record<string, string | string[] | undefined>>;

/** First non-empty value of `key`. */
export function firstValue(raw: RawQuery, key: string): string | undefined {
  const v = raw[key];
  const s = Array.isArray(v) ? v[0] : v;
  return s === undefined || s.trim() === "" ? undefined : s;
}

/** Converts URLSearchParams to a {@link RawQuery}. */
export function rawFromSearchParams(params: URLSearchParams): RawQuery {
  const raw: Record<string, string> = {};
  for (const [k, v] of params) raw[k] ??= v;
  return raw;
}

export interface ParsedCatalogQuery {
  query: CatalogQuery;
  /** field name → message for every value that was rejected (and ignored in `query`) */
  invalid: Record<string, string>;
}

/**
 * Parses a catalog query. Every invalid field is left out of `query` and reported in `invalid`;
 * cross-field rules: a price range needs `currency`, `minPrice <= maxPrice`, `relevance` needs `q`.
 */
export function parseCatalogQuery(raw: RawQuery): ParsedCatalogQuery {
  const invalid: Record<string, string> = {};
  const out: Partial<Record<FieldName, unknown>> = {};
  for (const name of QUERY_FIELDS) {
    const value = firstValue(raw, name);
    if (value === undefined) continue;
    const result = fields[name].safeParse(value);
    if (result.success) out[name] = result.data;
    else invalid[name] = result.error.issues[0]?.message ?? "is invalid";
  }
  const query: CatalogQuery = {
    q: (out.q as string | undefined) || undefined,
    language: out.language as string | undefined,
    level: out.level as Level | undefined,
    category: out.category as string | undefined,
    currency: out.currency as Currency | undefined,
    minPrice: out.minPrice as bigint | undefined,
    maxPrice: out.maxPrice as bigint | undefined,
    free: out.free as boolean | undefined,
    sort: (out.sort as Sort | undefined) ?? (out.q ? "relevance" : "newest"),
    page: (out.page as number | undefined) ?? 1,
  };
  if ((query.minPrice !== undefined || query.maxPrice !== undefined) && !query.currency) {
    if (query.minPrice !== undefined) invalid.minPrice = "needs a currency";
    if (query.maxPrice !== undefined) invalid.maxPrice = "needs a currency";
    query.minPrice = query.maxPrice = undefined;
  }
  if (query.minPrice !== undefined && query.maxPrice !== undefined && query.minPrice > query.maxPrice) {
    invalid.maxPrice = "must not be below minPrice";
    query.minPrice = query.maxPrice = undefined;
  }
  if (query.sort === "relevance" && !query.q) query.sort = "newest";
  return { query, invalid };
}

/**
 * Converts a human price (`19.99`, `25`) in `currency` to integer units (cents/wei).
 * @returns null when the text is not a non-negative decimal with at most the currency's decimals
 */
export function majorToUnits(text: string, currency: Currency): bigint | null {
  const decimals = DECIMALS[currency];
  const m = /^(\d{1,60})(?:[.,](\d+))?$/.exec(text.trim());
  if (!m || (m[2] !== undefined && m[2].length > decimals)) return null;
  return parseUnits(`${m[1]}${m[2] ? `.${m[2]}` : ""}`, decimals);
}

/** The query-string of `query` (defaults left out), e.g. for pagination links. */
export function catalogQueryString(query: CatalogQuery, overrides: Partial<CatalogQuery> = {}): string {
  const merged = { ...query, ...overrides };
  const params = new URLSearchParams();
  if (merged.q) params.set("q", merged.q);
  if (merged.language) params.set("language", merged.language);
  if (merged.level) params.set("level", merged.level.toLowerCase());
  if (merged.category) params.set("category", merged.category);
  if (merged.currency) params.set("currency", merged.currency);
  if (merged.minPrice !== undefined) params.set("minPrice", merged.minPrice.toString());
  if (merged.maxPrice !== undefined) params.set("maxPrice", merged.maxPrice.toString());
  if (merged.free !== undefined) params.set("free", String(merged.free));
  if (merged.sort !== (merged.q ? "relevance" : "newest")) params.set("sort", merged.sort);
  if (merged.page > 1) params.set("page", String(merged.page));
  return params.toString();
}

/**
 * Parses the browse page's query: like {@link parseCatalogQuery}, plus `min`/`max` as human prices in the
 * chosen currency (`19.99`), converted to integer units; they take precedence over `minPrice`/`maxPrice`.
 */
export function parseBrowseQuery(raw: RawQuery): ParsedCatalogQuery {
  const next: Record<string, string | string[] | undefined> = { ...raw };
  const invalid: Record<string, string> = {};
  const currency = fields.currency.safeParse(firstValue(raw, "currency") ?? "");
  for (const [key, target] of [
    ["min", "minPrice"],
    ["max", "maxPrice"],
  ] as const) {
    const text = firstValue(raw, key);
    if (text === undefined) continue;
    if (!currency.success) {
      invalid[key] = "needs a currency";
      continue;
    }
    const amount = majorToUnits(text, currency.data);
    if (amount === null) invalid[key] = "must be a price such as 19.99";
    else next[target] = amount.toString();
  }
  const parsed = parseCatalogQuery(next);
  return { query: parsed.query, invalid: { ...parsed.invalid, ...invalid } };
}
