/**
 * The test-wallet faucet of the local chain (chain id 31337 only): sends a learner's wallet native coin
 * (for gas and native-coin prices) and ESN (for ESN prices) from the local treasury account, so that a
 * newcomer can buy a course within a minute. Both are ordinary transfers signed by Hardhat test account
 * #4 (the treasury of the local deployment, holder of the ESN supply); the key is derived at run time
 * from the public test mnemonic and exists only with DEV_CHAIN_KEYS=true on chain 31337.
 */
import {
  createWalletClient,
  erc20Abi,
  http,
  type Address,
  type Chain,
  type Hash,
  type LocalAccount,
  type PublicClient,
} from "viem";
import { mnemonicToAccount } from "viem/accounts";
import { HARDHAT_TEST_MNEMONIC } from "@/server/keys.ts";

/** Native coin sent per request (wei): 10 coins. */
export const FAUCET_NATIVE_WEI = 10n * 10n ** 18n;
/** ESN sent per request (token base units, 18 decimals): 1,000 ESN. */
export const FAUCET_ESN_UNITS = 1_000n * 10n ** 18n;
/** Index of the local deployment's treasury in the public test mnemonic (contracts/ignition/modules/Local.ts). */
export const TREASURY_ACCOUNT_INDEX = 4;

/** Thrown when the faucet is asked for off the local test chain. */
export class FaucetUnavailableError extends Error {
  constructor() {
    super("The test faucet exists only on the local test chain (chain id 31337, DEV_CHAIN_KEYS=true).");
    this.name = "FaucetUnavailableError";
  }
}

/** What {@link fundTestWallet} needs. */
export interface FaucetDeps {
  chain: Chain;
  rpcUrl: string;
  publicClient: Pick<PublicClient, "waitForTransactionReceipt">;
  /** ESNToken address of the local deployment */
  esnToken: Address;
  /** the sender; defaults to the treasury account of the public test mnemonic */
  sender?: LocalAccount;
}

/** Result of a funding: both transactions, mined. */
export interface FaucetResult {
  nativeTx: Hash;
  esnTx: Hash;
  nativeWei: bigint;
  esnUnits: bigint;
}

let queue: Promise<unknown> = Promise.resolve();

/**
 * Sends {@link FAUCET_NATIVE_WEI} and {@link FAUCET_ESN_UNITS} to `to` and waits for both receipts.
 * Requests run one after another (one sender: its nonces must not race).
 * @throws FaucetUnavailableError when `chainId` is not 31337 or dev keys are off
 */
export function fundTestWallet(
  deps: FaucetDeps,
  opts: { chainId: number; devChainKeys: boolean },
  to: Address,
): Promise<FaucetResult> {
  if (opts.chainId !== 31337 || !opts.devChainKeys) return Promise.reject(new FaucetUnavailableError());
  const run = queue.then(async () => {
    const account = deps.sender ?? mnemonicToAccount(HARDHAT_TEST_MNEMONIC, { addressIndex: TREASURY_ACCOUNT_INDEX });
    const wallet = createWalletClient({ account, chain: deps.chain, transport: http(deps.rpcUrl) });
    const nativeTx = await wallet.sendTransaction({ to, value: FAUCET_NATIVE_WEI });
    await deps.publicClient.waitForTransactionReceipt({ hash: nativeTx });
    const esnTx = await wallet.writeContract({
      address: deps.esnToken,
      abi: erc20Abi,
      functionName: "transfer",
      args: [to, FAUCET_ESN_UNITS],
    });
    const receipt = await deps.publicClient.waitForTransactionReceipt({ hash: esnTx });
    if (receipt.status !== "success") throw new Error(`ESN transfer ${esnTx} reverted`);
    return { nativeTx, esnTx, nativeWei: FAUCET_NATIVE_WEI, esnUnits: FAUCET_ESN_UNITS };
  });
  queue = run.catch(() => undefined);
  return run;
}
