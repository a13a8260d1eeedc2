import { describe, expect, it } from "vitest";
import { addressExplorerUrl, getTokensUrl, shortfall, txExplorerUrl } from "./chain-links.ts";

const HASH = `0x${"ab".repeat(32)}`;

describe("chain links", () => {
  it("links transactions and addresses to polygonscan on Polygon and Amoy, nowhere on the local chain", () => {
    expect(txExplorerUrl(137, HASH)).toBe(`https://polygonscan.com/tx/${HASH}`);
    expect(txExplorerUrl(80002, HASH)).toBe(`https://amoy.polygonscan.com/tx/${HASH}`);
    expect(txExplorerUrl(31337, HASH)).toBeNull();
    expect(addressExplorerUrl(137, "0xabc")).toBe("https://polygonscan.com/address/0xabc");
    expect(addressExplorerUrl(31337, "0xabc")).toBeNull();
  });
  it("names where to get POL per chain", () => {
    expect(getTokensUrl(80002, "POL")).toBe("https://faucet.polygon.technology/");
    expect(getTokensUrl(137, "POL")).toMatch(/^https:\/\/polygon\.technology\//);
    expect(getTokensUrl(31337, "POL")).toBeNull();
    expect(getTokensUrl(137, "ESN")).toBeNull();
  });
  it("computes the shortfall", () => {
    expect(shortfall(5n, 12n)).toBe(7n);
    expect(shortfall(12n, 12n)).toBe(0n);
    expect(shortfall(20n, 12n)).toBe(0n);
  });
});
