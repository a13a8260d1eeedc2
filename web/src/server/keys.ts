/**
 * Platform signer accounts (the keys that sign outbox transactions).
 *
 * Roles: `catalog` (CATALOG_ROLE on CourseMarketplace: listings), `paymentOracle`
 * (PAYMENT_ORACLE_ROLE: card sales), `certificateMinter` (MINTER_ROLE on CourseCertificate), and
 * `deployer` (admin; local chain only).
 *
 * - Production: each key comes from its env variable (`CATALOG_PRIVATE_KEY`, …), 0x + 32-byte hex,
 *   validated by env.ts. A missing key throws {@link MissingSignerKeyError} naming the variable.
 *   Keys of the public Hardhat test mnemonic are refused on any chain but 31337.
 * - Local (`DEV_CHAIN_KEYS=true`, only with CHAIN_ID=31337): derived at run time from the public
 *   Hardhat test mnemonic (BIP-44 `m/44'/60'/0'/0/<index>`): deployer 0, catalog 1, payment oracle 2,
 *   certificate minter 3 — the accounts contracts/scripts/deploy-local.ts grants the roles to.
 *
 * Private keys never leave this module: callers get viem LocalAccounts (which sign in-process) and
 * checksummed addresses. Nothing here logs a key.
 */
import { getAddress, type Address, type LocalAccount } from "viem";
import { mnemonicToAccount, privateKeyToAccount } from "viem/accounts";
import type { Env } from "./env.ts";

/** Roles that sign platform transactions through the outbox. */
export const SIGNER_ROLES = ["catalog", "paymentOracle", "certificateMinter"] as const;
/** A platform signer role. */
export type SignerRole = (typeof SIGNER_ROLES)[number];
/** Signer roles plus the local-only deployer/admin account. */
export type AccountRole = SignerRole | "deployer";

/** The env variable holding each production key. */
export const SIGNER_KEY_ENV = {
  catalog: "CATALOG_PRIVATE_KEY",
  paymentOracle: "PAYMENT_ORACLE_PRIVATE_KEY",
  certificateMinter: "CERTIFICATE_MINTER_PRIVATE_KEY",
} as const satisfies Record<SignerRole, keyof Env>;

/** The public Hardhat/Foundry test mnemonic (well known; local chain only). */
export const HARDHAT_TEST_MNEMONIC = "test test test test test test test test test test test junk";

/** Address index of each role in the test mnemonic (matches contracts/ignition/modules/Local.ts). */
export const DEV_ACCOUNT_INDEX = {
  deployer: 0,
  catalog: 1,
  paymentOracle: 2,
  certificateMinter: 3,
} as const satisfies Record<AccountRole, number>;

/** A signer role's account. */
export interface PlatformSigner {
  role: AccountRole;
  /** Checksummed address. */
  address: Address;
  /** viem local account; signs transactions in-process. */
  account: LocalAccount;
}

/** Thrown when signer keys are not configured; `variables` names the env variables to set. */
export class MissingSignerKeyError extends Error {
  constructor(
    readonly roles: readonly AccountRole[],
    readonly variables: readonly string[],
  ) {
    super(
      roles.includes("deployer")
        ? "The deployer account exists only on the local chain (DEV_CHAIN_KEYS=true, CHAIN_ID=31337)"
        : `Missing signer key for ${roles.map((r) => `"${r}"`).join(", ")}: set ${variables.join(", ")} ` +
            "(0x-prefixed 32-byte hex private key) or, on the local chain, DEV_CHAIN_KEYS=true",
    );
    this.name = "MissingSignerKeyError";
  }
}

/** Thrown when a configured production key is one of the public test-mnemonic keys. */
export class PublicTestKeyError extends Error {
  constructor(readonly variable: string) {
    super(`${variable} is a key of the public Hardhat test mnemonic; refused on any chain but 31337`);
    this.name = "PublicTestKeyError";
  }
}

type KeyEnv = Pick<Env, "DEV_CHAIN_KEYS" | "CHAIN_ID" | (typeof SIGNER_KEY_ENV)[SignerRole]>;

const devAccounts = new Map<number, LocalAccount>();

function devAccount(index: number): LocalAccount {
  let account = devAccounts.get(index);
  if (!account) {
    account = mnemonicToAccount(HARDHAT_TEST_MNEMONIC, { addressIndex: index });
    devAccounts.set(index, account);
  }
  return account;
}

/**
 * The account of `role` under `env`.
 * @throws MissingSignerKeyError when the role's key is not configured (names the variable)
 * @throws PublicTestKeyError when a production key belongs to the public test mnemonic
 */
export function platformSigner(role: AccountRole, env: KeyEnv): PlatformSigner {
  if (env.DEV_CHAIN_KEYS) {
    const account = devAccount(DEV_ACCOUNT_INDEX[role]);
    return { role, address: getAddress(account.address), account };
  }
  if (role === "deployer") throw new MissingSignerKeyError([role], ["DEV_CHAIN_KEYS"]);
  const variable = SIGNER_KEY_ENV[role];
  const key = env[variable];
  if (key === undefined) throw new MissingSignerKeyError([role], [variable]);
  const account = privateKeyToAccount(key as `0x${string}`);
  if (env.CHAIN_ID !== 31337 && isTestMnemonicAddress(account.address)) throw new PublicTestKeyError(variable);
  return { role, address: getAddress(account.address), account };
}

/**
 * Checksummed address of `role`'s signer (e.g. the `signer` column of an outbox row).
 * @throws MissingSignerKeyError / PublicTestKeyError as {@link platformSigner}
 */
export function signerAddress(role: AccountRole, env: KeyEnv): Address {
  return platformSigner(role, env).address;
}

/**
 * Loads every role in `roles`, failing on the first missing one — used at worker start so that a
 * worker that needs a key refuses to start.
 * @throws MissingSignerKeyError naming every missing variable
 */
export function requireSigners(roles: readonly SignerRole[], env: KeyEnv): PlatformSigner[] {
  const missing = roles.filter((role) => !env.DEV_CHAIN_KEYS && env[SIGNER_KEY_ENV[role]] === undefined);
  if (missing.length > 0)
    throw new MissingSignerKeyError(
      missing,
      missing.map((r) => SIGNER_KEY_ENV[r]),
    );
  return roles.map((role) => platformSigner(role, env));
}

/** Whether `address` is one of the first 10 accounts of the public test mnemonic. */
function isTestMnemonicAddress(address: Address): boolean {
  for (let i = 0; i < 10; i++) if (devAccount(i).address === getAddress(address)) return true;
  return false;
}
