import { describe, expect, it } from "vitest";
import { formatPrice, normalizeCurrencyCode, primaryCurrency, toUnits } from "./money.ts";

describe("money", () => {
  it("formats cents and wei without floating-point loss", () => {
    expect(formatPrice(1999n, "EUR", "en")).toBe("€19.99");
    expect(formatPrice(2199n, "USD", "en")).toBe("$21.99");
    expect(formatPrice(25n * 10n ** 18n, "ESN")).toBe("25 ESN");
    expect(formatPrice(123456789012345678901n, "POL")).toBe("123.456789012345678901 POL");
  });

  it("converts decimal strings to bigint and rejects fractions", () => {
    expect(toUnits("1000000000000000000000")).toBe(10n ** 21n);
    expect(toUnits({ toFixed: () => "42" })).toBe(42n);
    expect(() => toUnits("1.5")).toThrow(RangeError);
  });

  it("maps the former code MATIC to POL and leaves other codes as they are", () => {
    expect(normalizeCurrencyCode(" matic ")).toBe("POL");
    expect(normalizeCurrencyCode("esn")).toBe("ESN");
    expect(normalizeCurrencyCode("BTC")).toBe("BTC");
  });
});

describe("primaryCurrency", () => {
  const all = ["EUR", "USD", "POL", "ESN"] as const;
  it("follows the locale's region or euro-area language, else the first fiat price", () => {
    expect(primaryCurrency(all, "en-US")).toBe("USD");
    expect(primaryCurrency(all, "de")).toBe("EUR");
    expect(primaryCurrency(all, "en-GB")).toBe("EUR");
    expect(primaryCurrency(["USD", "EUR"], "en")).toBe("USD");
    expect(primaryCurrency(["USD", "POL"], "de")).toBe("USD");
  });
  it("falls back to the first token price and to null", () => {
    expect(primaryCurrency(["ESN", "POL"], "de")).toBe("ESN");
    expect(primaryCurrency([], "en")).toBeNull();
  });
});
