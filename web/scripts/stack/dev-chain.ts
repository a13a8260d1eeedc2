/**
 * What the dev stack tells a person about its local chain: the learner test wallet to import, and —
 * because the Hardhat node keeps no state between starts — whether the chain the database indexed
 * before is gone (then wallet purchases made on it are gone too).
 */
import pg from "pg";
import { mnemonicToAccount } from "viem/accounts";

/** The public Hardhat/Foundry test mnemonic (its keys are published; worthless off a local chain). */
export const TEST_MNEMONIC = "test test test test test test test test test test test junk";

/**
 * Index of the learner test account in {@link TEST_MNEMONIC}. Accounts 0–4 hold platform roles
 * (deployer, catalog, payment oracle, certificate minter, treasury), 5–6 are used by the e2e suite and
 * 7 is the demo provider's payout address; 9 holds no role.
 */
export const LEARNER_ACCOUNT_INDEX = 9;

/** The exact sentence shown when the local chain was reset. */
export const CHAIN_RESET_SENTENCE = "the local test chain was reset; wallet purchases made on it are gone";

/** Address and (public) private key of the learner test account. */
export function learnerTestAccount(): { index: number; address: string; privateKey: string } {
  const account = mnemonicToAccount(TEST_MNEMONIC, { addressIndex: LEARNER_ACCOUNT_INDEX });
  const key = account.getHdKey().privateKey;
  if (!key) throw new Error("test mnemonic yielded no private key");
  return {
    index: LEARNER_ACCOUNT_INDEX,
    address: account.address,
    privateKey: `0x${Buffer.from(key).toString("hex")}`,
  };
}

/** The lines printed under "ready": the test wallet and how to use it. */
export function walletBanner(rpcUrl: string, chainId: number): string[] {
  const a = learnerTestAccount();
  return [
    `Test wallet for purchases (public Hardhat test account #${a.index}, safe to import into MetaMask; worthless off this chain):`,
    `  address      ${a.address}`,
    `  private key  ${a.privateKey}`,
    `  network      RPC ${rpcUrl}, chain id ${chainId}; on a course page, "Fund this test wallet" sends it coins and ESN`,
  ];
}

/**
 * Compares the chain the indexer saw last (its cursor block hash in the database) with the running
 * node. Run before the worker starts (the worker then rebuilds its index from the new chain).
 * @returns null when the database never indexed a chain; else whether it was reset and how many wallet
 *   (non-card) purchases the database knew from the old chain
 */
export async function detectChainReset(
  databaseUrl: string,
  rpcUrl: string,
  chainId: number,
): Promise<{ reset: boolean; walletPurchases: number } | null> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const cursor = await client.query<{ blockNumber: string; blockHash: string }>(
      `SELECT "blockNumber"::text AS "blockNumber", "blockHash" FROM "ChainCursor" WHERE "name" = $1`,
      [`indexer:${chainId}`],
    );
    const row = cursor.rows[0];
    if (!row) return null;
    const res = await fetch(rpcUrl, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        jsonrpc: "2.0",
        id: 1,
        method: "eth_getBlockByNumber",
        params: [`0x${BigInt(row.blockNumber).toString(16)}`, false],
      }),
    });
    const body = (await res.json()) as { result?: { hash?: string } | null };
    const reset = body.result?.hash?.toLowerCase() !== row.blockHash.toLowerCase();
    const purchases = await client.query<{ n: string }>(
      `SELECT count(*)::text AS n FROM "Purchase" WHERE "chainId" = $1 AND NOT "card"`,
      [chainId],
    );
    return { reset, walletPurchases: Number(purchases.rows[0]?.n ?? 0) };
  } finally {
    await client.end();
  }
}
