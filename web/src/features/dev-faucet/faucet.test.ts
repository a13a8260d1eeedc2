import { erc20Abi, type Address } from "viem";
import { generatePrivateKey, privateKeyToAccount } from "viem/accounts";
import { hardhat } from "viem/chains";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestChain, type TestChain } from "../../../test/chain.ts";
import { FAUCET_ESN_UNITS, FAUCET_NATIVE_WEI, FaucetUnavailableError, fundTestWallet } from "./faucet.ts";

let chain: TestChain;
beforeAll(async () => {
  chain = await startTestChain();
}, 120_000);
afterAll(async () => chain?.stop());

const deps = () => ({
  chain: hardhat,
  rpcUrl: chain.rpcUrl,
  publicClient: chain.client,
  esnToken: chain.contracts.ESNToken.address,
});
const esnBalance = (who: Address) =>
  chain.client.readContract({
    address: chain.contracts.ESNToken.address,
    abi: erc20Abi,
    functionName: "balanceOf",
    args: [who],
  });

describe("test-wallet faucet", () => {
  it("sends a fresh wallet native coin and ESN on chain 31337, also for concurrent requests", async () => {
    const a = privateKeyToAccount(generatePrivateKey()).address;
    const b = privateKeyToAccount(generatePrivateKey()).address;
    const on = { chainId: 31337, devChainKeys: true };
    const [ra, rb] = await Promise.all([fundTestWallet(deps(), on, a), fundTestWallet(deps(), on, b)]);
    expect(ra.nativeTx).not.toBe(rb.nativeTx);
    for (const who of [a, b]) {
      expect(await chain.client.getBalance({ address: who })).toBe(FAUCET_NATIVE_WEI);
      expect(await esnBalance(who)).toBe(FAUCET_ESN_UNITS);
    }
  });

  it("is refused off chain 31337 and without dev keys, sending nothing", async () => {
    const c = privateKeyToAccount(generatePrivateKey()).address;
    await expect(fundTestWallet(deps(), { chainId: 80002, devChainKeys: true }, c)).rejects.toBeInstanceOf(
      FaucetUnavailableError,
    );
    await expect(fundTestWallet(deps(), { chainId: 31337, devChainKeys: false }, c)).rejects.toBeInstanceOf(
      FaucetUnavailableError,
    );
    expect(await chain.client.getBalance({ address: c })).toBe(0n);
    expect(await esnBalance(c)).toBe(0n);
  });
});
