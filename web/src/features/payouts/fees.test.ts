/** The fee rule of card payouts (fees.ts): integer minor units, rounding in the provider's favour. */
import { describe, expect, it } from "vitest";
import { splitCardSale, stripeFeeInSaleCurrency } from "./fees.ts";

describe("splitCardSale", () => {
  it("takes the platform fee rounded down and the provider's proportional part of Stripe's fee", () => {
    expect(splitCardSale(1999n, 1_000, 55n)).toEqual({
      gross: 1999n,
      platformFee: 199n,
      stripeFeeShare: 49n,
      providerAmount: 1751n,
    });
    expect(splitCardSale(10_000n, 0, 175n)).toMatchObject({
      platformFee: 0n,
      stripeFeeShare: 175n,
      providerAmount: 9825n,
    });
    expect(splitCardSale(10_000n, 10_000, 175n)).toMatchObject({
      platformFee: 10_000n,
      stripeFeeShare: 0n,
      providerAmount: 0n,
    });
  });

  it("never pays a negative share and rejects invalid input", () => {
    expect(splitCardSale(30n, 1_000, 500n).providerAmount).toBe(0n);
    expect(splitCardSale(0n, 1_000, 0n).providerAmount).toBe(0n);
    expect(() => splitCardSale(-1n, 1_000, 0n)).toThrow(RangeError);
    expect(() => splitCardSale(100n, 10_001, 0n)).toThrow(RangeError);
    expect(() => splitCardSale(100n, 1.5, 0n)).toThrow(RangeError);
  });
});

describe("stripeFeeInSaleCurrency", () => {
  it("keeps a fee in the sale's currency and converts another one at the balance transaction's rate (rounded up)", () => {
    expect(stripeFeeInSaleCurrency(55n, 1999n, true, 1999n)).toBe(55n);
    // USD 21.99 settled as EUR 20.00 with a EUR 0.55 fee → USD 0.6048… → 61 cents.
    expect(stripeFeeInSaleCurrency(55n, 2000n, false, 2199n)).toBe(61n);
    expect(stripeFeeInSaleCurrency(0n, 2000n, false, 2199n)).toBe(0n);
  });
});
