import { afterEach, describe, expect, it } from "vitest";
import {
  hadWalletConnection,
  loadWallet,
  resetWalletLoader,
  subscribeWallet,
  takePendingConnect,
  walletRequested,
} from "./wallet-loader";

const storage = (value: string | null) => ({ getItem: (k: string) => (k === "wagmi.store" ? value : null) });

describe("wallet loader", () => {
  afterEach(() => resetWalletLoader());

  it("starts unrequested and notifies subscribers once per change", () => {
    expect(walletRequested()).toBe(false);
    let calls = 0;
    const off = subscribeWallet(() => calls++);
    loadWallet(false);
    loadWallet(false); // no change, no notification
    expect(walletRequested()).toBe(true);
    expect(calls).toBe(1);
    loadWallet(true); // a connect request is a change
    expect(calls).toBe(2);
    off();
    loadWallet(true);
    expect(calls).toBe(2);
  });

  it("hands a connect request to exactly one taker", () => {
    expect(takePendingConnect()).toBe(false);
    loadWallet(true);
    expect(takePendingConnect()).toBe(true);
    expect(takePendingConnect()).toBe(false);
    expect(walletRequested()).toBe(true);
  });

  it("a load without connect leaves no connect request", () => {
    loadWallet(false);
    expect(takePendingConnect()).toBe(false);
  });

  it("detects an earlier wallet connection from wagmi's persisted store", () => {
    expect(hadWalletConnection(storage(JSON.stringify({ state: { current: "abc123", chainId: 1 }, version: 3 })))).toBe(
      true,
    );
    expect(hadWalletConnection(storage(JSON.stringify({ state: { current: null, chainId: 1 }, version: 3 })))).toBe(
      false,
    );
    expect(hadWalletConnection(storage(null))).toBe(false);
    expect(hadWalletConnection(storage("{not json"))).toBe(false);
    expect(hadWalletConnection(storage("null"))).toBe(false);
    expect(hadWalletConnection(undefined)).toBe(false);
    const throwing = {
      getItem: () => {
        throw new Error("SecurityError");
      },
    };
    expect(hadWalletConnection(throwing)).toBe(false);
  });
});
