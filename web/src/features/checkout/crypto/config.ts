/**
 * The chain settings the browser needs (server-rendered into the page; no secrets): chain id, the RPC URL
 * the browser may call, the optional WalletConnect project id, the finality rule and the contract addresses.
 */
import { getAddress, zeroAddress, type Address } from "viem";
import type { Currency } from "@/lib/money";
import type { FinalityRule } from "./finality.ts";

/** Contract addresses on the configured chain (checksummed). */
export interface PublicContracts {
  marketplace: Address;
  esnToken: Address;
  certificate: Address;
}

/** Client-side chain configuration. */
export interface PublicChainConfig {
  chainId: number;
  /** JSON-RPC URL the browser uses for reads (PUBLIC_RPC_URL, else the first endpoint of RPC_URL) */
  rpcUrl: string;
  /** WalletConnect Cloud project id; null = WalletConnect disabled (injected wallets only) */
  walletConnectProjectId: string | null;
  finality: FinalityRule;
  /** null when the generated module has no deployment for the chain (wallet checkout disabled) */
  contracts: PublicContracts | null;
}

/** The env fields {@link publicChainConfig} reads. */
export interface PublicChainEnv {
  CHAIN_ID: number;
  RPC_URL: string;
  PUBLIC_RPC_URL?: string | undefined;
  NEXT_PUBLIC_WALLETCONNECT_PROJECT_ID?: string | undefined;
  CHAIN_CONFIRMATIONS?: number | undefined;
}

/**
 * Builds the client config.
 * @param lookup returns the deployed addresses for a chain id, or throws when there is none
 */
export function publicChainConfig(
  e: PublicChainEnv,
  lookup: (chainId: number) => {
    CourseMarketplace: { address: string };
    ESNToken: { address: string };
    CourseCertificate: { address: string };
  },
): PublicChainConfig {
  let contracts: PublicContracts | null = null;
  try {
    const c = lookup(e.CHAIN_ID);
    contracts = {
      marketplace: getAddress(c.CourseMarketplace.address),
      esnToken: getAddress(c.ESNToken.address),
      certificate: getAddress(c.CourseCertificate.address),
    };
  } catch {
    contracts = null;
  }
  return {
    chainId: e.CHAIN_ID,
    rpcUrl: e.PUBLIC_RPC_URL ?? (e.RPC_URL.split(",")[0] ?? "").trim(),
    walletConnectProjectId: e.NEXT_PUBLIC_WALLETCONNECT_PROJECT_ID ?? null,
    finality:
      e.CHAIN_CONFIRMATIONS !== undefined
        ? { kind: "confirmations", confirmations: e.CHAIN_CONFIRMATIONS }
        : e.CHAIN_ID === 31337
          ? { kind: "confirmations", confirmations: 0 }
          : { kind: "finalized" },
    contracts,
  };
}

/** Crypto currencies paid through the marketplace. */
export type CryptoCurrency = Extract<Currency, "POL" | "ESN">;

/** Whether a currency is paid on-chain. */
export function isCryptoCurrency(c: string): c is CryptoCurrency {
  return c === "POL" || c === "ESN";
}

/** Payment token of a crypto currency: the zero address for the native coin (POL), else the ESN token. */
export function tokenFor(currency: CryptoCurrency, contracts: PublicContracts): Address {
  return currency === "POL" ? zeroAddress : contracts.esnToken;
}

/** The currency of a payment token address, or null for an unknown token. */
export function currencyForToken(token: string, contracts: PublicContracts): CryptoCurrency | null {
  const t = getAddress(token);
  if (t === zeroAddress) return "POL";
  if (t === contracts.esnToken) return "ESN";
  return null;
}
