/**
 * The connect dialog offers WalletConnect exactly when NEXT_PUBLIC_WALLETCONNECT_PROJECT_ID is set (and never
 * offline: env.ts refuses the id there). Builds the real connector list and instantiates every connector as
 * wagmi does, without `setup()` (which would start a WalletConnect session), under the net guard: no socket
 * may be opened while the list is built.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { hardhat } from "viem/chains";
import { http } from "wagmi";
import { parseEnv } from "@/server/env";
import { installNetGuard, type RefusedConnection } from "@/server/net-guard";
import { publicChainConfig } from "@/features/checkout/crypto/config";

// The connect dialog runs in the browser: RainbowKit replaces WalletConnect by a mock when `window` is missing
// at module load (server render), so give the module a window before loading it.
vi.stubGlobal("window", { location: new URL("http://localhost:3000/courses/demo"), document: undefined });
const { walletConnectors } = await import("./wagmi-config");

const refused: RefusedConnection[] = [];
let guard: { restore(): void };
beforeAll(() => {
  guard = installNetGuard({ lan: [], onRefused: (r) => refused.push(r) });
});
afterAll(() => {
  guard.restore();
  expect(refused).toEqual([]);
});

const PROJECT_ID = "0123456789abcdef0123456789abcdef";
const noLookup = () => {
  throw new Error("no deployment");
};

/** The connectors as wagmi instantiates them: id, name and RainbowKit's wallet id. */
function connectorsFor(projectId: string | undefined) {
  const e = parseEnv({
    DATABASE_URL: "postgres://u@127.0.0.1:5432/db",
    ...(projectId ? { NEXT_PUBLIC_WALLETCONNECT_PROJECT_ID: projectId } : {}),
  });
  const cfg = publicChainConfig(e, noLookup);
  const emitter = { uid: "test", emit() {}, on() {}, off() {}, once() {}, listenerCount: () => 0 };
  return walletConnectors(cfg, "Smolitux Academy").map((fn) => {
    const c = fn({
      chains: [hardhat],
      emitter: emitter as never,
      providers: [],
      storage: null,
      transports: { [hardhat.id]: http("http://127.0.0.1:8545") },
    }) as { type: string; rkDetails?: { id: string } };
    return { type: c.type, wallet: c.rkDetails?.id };
  });
}

describe("wallet connectors", () => {
  it("injected wallets only without a WalletConnect project id", () => {
    expect(connectorsFor(undefined)).toEqual([{ type: "injected", wallet: "injected" }]);
  });

  it("adds WalletConnect when NEXT_PUBLIC_WALLETCONNECT_PROJECT_ID is set", () => {
    // wagmi's walletConnect connector; RainbowKit adds a second one behind its "open the WalletConnect modal" link
    expect(connectorsFor(PROJECT_ID)).toEqual([
      { type: "injected", wallet: "injected" },
      { type: "walletConnect", wallet: "walletConnect" },
      { type: "walletConnect", wallet: "walletConnect" },
    ]);
  });

  it("offline mode refuses the project id (no WalletConnect in a school without internet)", () => {
    expect(() =>
      parseEnv({
        DATABASE_URL: "postgres://u@127.0.0.1:5432/db",
        OFFLINE_MODE: "true",
        NEXT_PUBLIC_WALLETCONNECT_PROJECT_ID: PROJECT_ID,
      }),
    ).toThrow(/NEXT_PUBLIC_WALLETCONNECT_PROJECT_ID: must not be set when OFFLINE_MODE=true/);
  });
});
