/**
 * Deploys the platform to a fresh Hardhat node exactly like contracts/ignition/modules/Local.ts
 * (same order, same deployer nonces → the same addresses as the committed
 * `@smolitux/contracts` module for chain 31337), directly with viem — about 1 s instead of ~20 s for
 * Ignition, and without touching the Ignition state or the committed generated file.
 * Roles: 0 deployer/admin, 1 CATALOG_ROLE, 2 PAYMENT_ORACLE_ROLE, 3 MINTER_ROLE, 4 treasury.
 */
import { readFileSync } from "node:fs";
import {
  getAddress,
  keccak256,
  toHex,
  type Abi,
  type Address,
  type Hex,
  type PublicClient,
  type WalletClient,
} from "viem";
import { mnemonicToAccount } from "viem/accounts";
import { platformContracts, type PlatformContracts } from "../../src/server/contracts.ts";
import { HARDHAT_TEST_MNEMONIC } from "../../src/server/keys.ts";
import { artifactPath, CHAIN_CONTRACTS } from "./chain-artifacts.ts";

const account = (i: number): Address => mnemonicToAccount(HARDHAT_TEST_MNEMONIC, { addressIndex: i }).address;

/** Bytecode of the compiled artifact, refusing one whose ABI differs from the committed module's. */
function bytecode(name: (typeof CHAIN_CONTRACTS)[number], committedAbi: Abi): Hex {
  const artifact = JSON.parse(readFileSync(artifactPath(name), "utf8")) as { bytecode?: unknown; abi?: unknown };
  if (typeof artifact.bytecode !== "string" || !artifact.bytecode.startsWith("0x")) {
    throw new Error(`No bytecode in ${artifactPath(name)}; run: pnpm --filter @smolitux/contracts build`);
  }
  if (JSON.stringify(artifact.abi) !== JSON.stringify(committedAbi)) {
    throw new Error(
      `The compiled ${name} (contracts/artifacts) has another ABI than @smolitux/contracts ` +
        "(generated/deployedContracts.ts): the Solidity changed without regenerating the module " +
        "(pnpm --filter @smolitux/contracts deploy:local), or the artifacts are stale (hardhat compile).",
    );
  }
  return artifact.bytecode as Hex;
}

/**
 * Deploys CourseCertificate, ESNToken (100,000,000 ESN to the treasury) and CourseMarketplace
 * (10 % fee, ESN allow-listed), then grants the platform roles.
 * @throws when the resulting addresses differ from the committed module (stale artifacts or module)
 */
export async function deployPlatform(wallet: WalletClient, reader: PublicClient): Promise<PlatformContracts> {
  const expected = platformContracts(31337);
  const deployer = account(0);
  const treasury = account(4);
  const send = async (hash: Hex) => {
    const receipt = await reader.waitForTransactionReceipt({ hash, pollingInterval: 20 });
    if (receipt.status !== "success") throw new Error(`deployment transaction ${hash} reverted`);
    return receipt;
  };
  const deploy = async (name: (typeof CHAIN_CONTRACTS)[number], abi: Abi, args: readonly unknown[]) => {
    const hash = await wallet.deployContract({
      abi,
      bytecode: bytecode(name, abi),
      args,
      account: deployer,
      chain: null,
    });
    const receipt = await send(hash);
    const address = receipt.contractAddress ? getAddress(receipt.contractAddress) : undefined;
    if (!address || address !== expected[name].address) {
      throw new Error(
        `${name} deployed at ${address ?? "?"} but @smolitux/contracts says ${expected[name].address}: ` +
          "the committed generated module and the compiled artifacts disagree (run deploy:local / hardhat compile)",
      );
    }
  };
  // admin delay 0 s, as the Local Ignition module (AccessControlDefaultAdminRules)
  await deploy("CourseCertificate", expected.CourseCertificate.abi, [deployer, 0]);
  await deploy("ESNToken", expected.ESNToken.abi, [treasury, 100_000_000n * 10n ** 18n]);
  await deploy("CourseMarketplace", expected.CourseMarketplace.abi, [
    deployer,
    0,
    treasury,
    1_000,
    expected.ESNToken.address,
    expected.CourseCertificate.address,
  ]);
  const role = (name: string) => keccak256(toHex(name));
  const grants: [Address, Abi, Hex, Address][] = [
    [expected.CourseMarketplace.address, expected.CourseMarketplace.abi, role("CATALOG_ROLE"), account(1)],
    [expected.CourseMarketplace.address, expected.CourseMarketplace.abi, role("PAYMENT_ORACLE_ROLE"), account(2)],
    [expected.CourseCertificate.address, expected.CourseCertificate.abi, role("MINTER_ROLE"), account(3)],
  ];
  for (const [address, abi, roleId, holder] of grants) {
    await send(
      await wallet.writeContract({
        address,
        abi,
        functionName: "grantRole",
        args: [roleId, holder],
        account: deployer,
        chain: null,
      }),
    );
  }
  return expected;
}
