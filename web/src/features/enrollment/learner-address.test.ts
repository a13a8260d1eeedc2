import { describe, expect, it } from "vitest";
import { getAddress, keccak256, toBytes } from "viem";
import { learnerAddressForUser, placeholderAddress } from "./learner-address.ts";

describe("learnerAddressForUser", () => {
  it("uses the linked wallet, checksummed", () => {
    expect(learnerAddressForUser("u1", "0x70997970c51812dc3a010c7d01b50e0d17dc79c8")).toBe(
      "0x70997970C51812dc3A010C7d01b50e0d17dc79C8",
    );
  });

  it("falls back to the first 20 bytes of keccak256('smolitux:user:' + id)", () => {
    const expected = getAddress(keccak256(toBytes("smolitux:user:cluser123")).slice(0, 42));
    expect(learnerAddressForUser("cluser123")).toBe(expected);
    expect(learnerAddressForUser("cluser123", null)).toBe(expected);
    expect(placeholderAddress("cluser123")).not.toBe(placeholderAddress("cluser124"));
  });

  it("rejects an invalid wallet address", () => {
    expect(() => learnerAddressForUser("u1", "0x1234")).toThrow();
  });
});
