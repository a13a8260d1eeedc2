import { describe, expect, it } from "vitest";
import { pricingSchema } from "./schemas.ts";
import { parsePrice, PriceFormatError, priceText } from "./prices.ts";

describe("parsePrice", () => {
  it("converts decimal text exactly (no floats)", () => {
    expect(parsePrice("EUR", "19.99")).toBe(1999n);
    expect(parsePrice("USD", "0.1")).toBe(10n);
    expect(parsePrice("EUR", "25")).toBe(2500n);
    expect(parsePrice("ESN", "0.1")).toBe(100000000000000000n);
    expect(parsePrice("ESN", "25")).toBe(25n * 10n ** 18n);
    expect(parsePrice("POL", "0.5")).toBe(5n * 10n ** 17n);
    expect(parsePrice("POL", "0.000000000000000001")).toBe(1n);
    // 0.1 + 0.2 style float traps stay exact
    expect(parsePrice("ESN", "1.000000000000000003")).toBe(10n ** 18n + 3n);
  });

  it.each([
    ["EUR", "0.001"],
    ["EUR", "19.999"],
    ["ESN", "0.0000000000000000001"],
    ["EUR", "0"],
    ["ESN", "0.0"],
    ["EUR", "-1"],
    ["EUR", "1e3"],
    ["EUR", "19,99"],
    ["EUR", ""],
    ["EUR", "1000000.01"],
    ["ESN", "79228162514.264337593543950336"],
  ] as const)("rejects %s %s", (currency, text) => {
    expect(() => parsePrice(currency, text)).toThrow(PriceFormatError);
  });

  it("accepts the largest uint96 token amount and formats back", () => {
    expect(parsePrice("ESN", "79228162514.264337593543950335")).toBe(2n ** 96n - 1n);
    expect(priceText("EUR", 1999n)).toBe("19.99");
    expect(priceText("ESN", 5n * 10n ** 17n)).toBe("0.5");
  });
});

describe("pricingSchema", () => {
  it("puts conversion errors beside the field and checkums the payout address", () => {
    const bad = pricingSchema.safeParse({ isFree: false, prices: { EUR: "0.001", ESN: "1" }, refundWindowDays: 31 });
    expect(bad.success).toBe(false);
    const paths = bad.error!.issues.map((i) => i.path.join("."));
    expect(paths).toEqual(expect.arrayContaining(["prices.EUR", "refundWindowDays"]));
    const ok = pricingSchema.parse({
      isFree: false,
      prices: { EUR: "19.99", ESN: "", POL: "0.5" },
      refundWindowDays: 14,
      payoutAddress: "0x90f79bf6eb2c4f870365e785982e1f101e93b906",
    });
    expect(ok.prices).toEqual({ EUR: 1999n, POL: 5n * 10n ** 17n });
    expect(ok.payoutAddress).toBe("0x90F79bf6EB2c4f870365E785982E1f101E93b906");
  });

  it("refuses prices on a free course", () => {
    const r = pricingSchema.safeParse({ isFree: true, prices: { EUR: "5" }, refundWindowDays: 0 });
    expect(r.error?.issues[0]?.path).toEqual(["isFree"]);
  });
});
