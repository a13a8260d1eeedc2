import { describe, expect, it } from "vitest";
import { zeroAddress } from "viem";
import { formatTokenAmount, splitAmount, sumAmounts } from "./amounts.ts";
import { publicChainConfig, currencyForToken, tokenFor } from "./config.ts";
import { finalityProgress } from "./finality.ts";
import { refundEligibility, type OnchainPurchase } from "./refund.ts";

describe("amounts", () => {
  it("splits like the contract: fee rounded down, provider gets the rest", () => {
    expect(splitAmount(10n ** 19n, 1000)).toEqual({ providerAmount: 9n * 10n ** 18n, feeAmount: 10n ** 18n });
    expect(splitAmount(999n, 1000)).toEqual({ providerAmount: 900n, feeAmount: 99n });
    expect(splitAmount(5n, 0)).toEqual({ providerAmount: 5n, feeAmount: 0n });
    expect(() => splitAmount(1n, 10_001)).toThrow(RangeError);
    expect(() => splitAmount(-1n, 10)).toThrow(RangeError);
  });

  it("sums and formats exactly, without floats", () => {
    const a = 123_456_789_012_345_678_901n;
    expect(sumAmounts([a, 1n, 0n])).toBe(a + 1n);
    expect(formatTokenAmount(a + 1n, 18, "ESN")).toBe("123.456789012345678902 ESN");
    expect(formatTokenAmount(25n * 10n ** 18n, 18, "ESN")).toBe("25 ESN");
  });
});

describe("finalityProgress", () => {
  it("counts confirmations against CHAIN_CONFIRMATIONS", () => {
    const rule = { kind: "confirmations", confirmations: 5 } as const;
    expect(finalityProgress(rule, 100n, 101n, null)).toEqual({
      confirmations: 2,
      required: 5,
      final: false,
      percent: 40,
    });
    expect(finalityProgress(rule, 100n, 104n, null).final).toBe(true);
    expect(finalityProgress(rule, 100n, 99n, null).confirmations).toBe(0);
  });

  it("treats 0 confirmations as final once mined", () => {
    expect(finalityProgress({ kind: "confirmations", confirmations: 0 }, 7n, 7n, null)).toMatchObject({
      final: true,
      percent: 100,
    });
  });

  it("uses the finalized head for the finalized rule", () => {
    const rule = { kind: "finalized" } as const;
    const p = finalityProgress(rule, 100n, 110n, 90n);
    expect(p).toMatchObject({ confirmations: 11, required: 21, final: false });
    expect(p.percent).toBeLessThan(100);
    expect(finalityProgress(rule, 100n, 130n, 100n)).toMatchObject({ final: true, percent: 100 });
    expect(finalityProgress(rule, 100n, 130n, null).final).toBe(false);
  });
});

describe("refundEligibility", () => {
  const p: OnchainPurchase = {
    token: zeroAddress,
    refundDeadline: 1000,
    status: 1,
    amount: 5n,
    buyer: zeroAddress,
    id: 1,
  };
  it("allows a refund before the deadline without certificate", () => {
    expect(refundEligibility(p, 999, 0n)).toEqual({ ok: true, deadline: 1000 });
  });
  it("blocks with the reason", () => {
    expect(refundEligibility(p, 1000, 0n)).toEqual({ ok: false, reason: "window_closed", deadline: 1000 });
    expect(refundEligibility(p, 10, 3n)).toEqual({ ok: false, reason: "certificate_issued", deadline: 1000 });
    expect(refundEligibility({ ...p, status: 0 }, 10, 0n)).toEqual({ ok: false, reason: "no_purchase" });
    expect(refundEligibility({ ...p, status: 2 }, 10, 0n)).toEqual({ ok: false, reason: "not_escrowed" });
  });
});

describe("publicChainConfig", () => {
  const addrs = {
    CourseMarketplace: { address: "0x9fe46736679d2d9a65f0992f2272de9f3c7fa6e0" },
    ESNToken: { address: "0xe7f1725e7734ce288f8367e1bb143e90bb3f0512" },
    CourseCertificate: { address: "0x5fbdb2315678afecb367f032d93f642f64180aa3" },
  };
  it("prefers PUBLIC_RPC_URL, checksums addresses and disables WalletConnect without a project id", () => {
    const c = publicChainConfig(
      { CHAIN_ID: 31337, RPC_URL: "http://127.0.0.1:8545", PUBLIC_RPC_URL: "http://localhost:8545" },
      () => addrs,
    );
    expect(c.rpcUrl).toBe("http://localhost:8545");
    expect(c.walletConnectProjectId).toBeNull();
    expect(c.finality).toEqual({ kind: "confirmations", confirmations: 0 });
    expect(c.contracts?.esnToken).toBe("0xe7f1725E7734CE288F8367e1Bb143E90bb3F0512");
    expect(tokenFor("POL", c.contracts!)).toBe(zeroAddress);
    expect(tokenFor("ESN", c.contracts!)).toBe(c.contracts!.esnToken);
    expect(currencyForToken(addrs.ESNToken.address, c.contracts!)).toBe("ESN");
    expect(currencyForToken(zeroAddress, c.contracts!)).toBe("POL");
  });
  it("uses the finalized tag on public chains and null contracts without a deployment", () => {
    const c = publicChainConfig({ CHAIN_ID: 137, RPC_URL: "http://127.0.0.1:9" }, () => {
      throw new Error("none");
    });
    expect(c.finality).toEqual({ kind: "finalized" });
    expect(c.contracts).toBeNull();
  });
});

describe("enrollment status", () => {
  it("unlocks only on an explicit active enrollment", async () => {
    const { isUnlocked, enrollmentStatusUrl } = await import("./enrollment-status.ts");
    expect(isUnlocked({ enrolled: true })).toBe(true);
    expect(isUnlocked({ status: "ACTIVE", extra: 1 })).toBe(true);
    expect(isUnlocked({ enrolled: false, status: "REVOKED" })).toBe(false);
    expect(isUnlocked({ error: { code: "unauthenticated" } })).toBe(false);
    expect(isUnlocked(null)).toBe(false);
    expect(enrollmentStatusUrl("a b")).toBe("/api/enrollments/status?course=a%20b");
  });
});
