/**
 * Deploys the platform to the running local node (RPC_URL, default http://127.0.0.1:8545, chainId
 * 31337) with Hardhat Ignition, then regenerates `generated/deployedContracts.ts`.
 *
 * Idempotent for a dev stack: if `ignition/deployments/chain-31337` records contracts that have no
 * code on the node (a fresh node after a restart), the stale state is wiped and everything is
 * redeployed; if the contracts are there, Ignition has nothing to do.
 * Roles (standard test mnemonic): 0 deployer/admin, 1 CATALOG_ROLE, 2 PAYMENT_ORACLE_ROLE,
 * 3 MINTER_ROLE, 4 treasury. ESNToken is allow-listed by the marketplace constructor.
 *
 * Run: `node scripts/deploy-local.ts` (package script `deploy:local`).
 */
import { existsSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";

import { createPublicClient, http, type Address } from "viem";

import { generate } from "./generate-ts-abis.ts";
import { contractsRoot, runHardhat } from "./lib/hardhat-cli.ts";

const LOCAL_CHAIN_ID = 31337;
const rpcUrl = process.env.RPC_URL ?? "http://127.0.0.1:8545";
const stateDir = path.join(contractsRoot, "ignition", "deployments", `chain-${LOCAL_CHAIN_ID}`);

const client = createPublicClient({ transport: http(rpcUrl) });

let chainId: number;
try {
  chainId = await client.getChainId();
} catch (error) {
  console.error(`No JSON-RPC node at ${rpcUrl}. Start one with: pnpm --filter @smolitux/contracts node`);
  throw error;
}
if (chainId !== LOCAL_CHAIN_ID) {
  throw new Error(`Refusing to deploy: ${rpcUrl} has chainId ${chainId}, expected ${LOCAL_CHAIN_ID}`);
}

const addressesFile = path.join(stateDir, "deployed_addresses.json");
if (existsSync(stateDir)) {
  const recorded = existsSync(addressesFile)
    ? (Object.values(JSON.parse(readFileSync(addressesFile, "utf8")) as Record<string, Address>) as Address[])
    : [];
  const codes = await Promise.all(recorded.map((address) => client.getCode({ address })));
  const stale = recorded.length === 0 || codes.some((code) => code === undefined || code === "0x");
  if (stale) {
    console.log(`Ignition state in ${path.relative(process.cwd(), stateDir)} is stale (fresh node): wiping it.`);
    rmSync(stateDir, { recursive: true, force: true });
  }
}

await runHardhat(["ignition", "deploy", "ignition/modules/Local.ts", "--network", "localhost"], {
  ...process.env,
  RPC_URL: rpcUrl,
});
const out = await generate(path.join(contractsRoot, "generated", "deployedContracts.ts"));
console.log(`Regenerated ${path.relative(process.cwd(), out)} (written only when its content changed)`);
