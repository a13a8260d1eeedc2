/**
 * wagmi configuration for the one configured chain. Only explicit transports to the configured RPC URL
 * (never a chain's default public RPC), the injected connector (MetaMask and any EIP-1193 wallet) and
 * WalletConnect only when a project id is configured — nothing else reaches the network.
 */
import { connectorsForWallets, type WalletList } from "@rainbow-me/rainbowkit";
import { injectedWallet, walletConnectWallet } from "@rainbow-me/rainbowkit/wallets";
import { defineChain, type Chain } from "viem";
import { hardhat, polygon, polygonAmoy } from "viem/chains";
import { createConfig, http, type Config, type CreateConnectorFn } from "wagmi";
import type { PublicChainConfig } from "@/features/checkout/crypto/config";

/** The viem chain for the config, with its RPC URL replaced by the configured one. */
export function clientChain(cfg: Pick<PublicChainConfig, "chainId" | "rpcUrl">): Chain {
  const known = [hardhat, polygonAmoy, polygon].find((c) => c.id === cfg.chainId);
  const rpcUrls = { default: { http: [cfg.rpcUrl] } };
  if (known) return { ...known, rpcUrls };
  return defineChain({
    id: cfg.chainId,
    name: `Chain ${cfg.chainId}`,
    nativeCurrency: { name: "Native", symbol: "ETH", decimals: 18 },
    rpcUrls,
  });
}

/**
 * The connect dialog's wallets: the injected wallet always; WalletConnect (QR code / mobile wallets, wagmi's
 * `walletConnect` connector on `@walletconnect/ethereum-provider`, loaded only when that wallet is set up on
 * a wallet page) exactly when a WalletConnect Cloud project id is configured — never offline, where env.ts
 * refuses the id. Creating the list touches no network.
 */
export function walletConnectors(
  cfg: Pick<PublicChainConfig, "walletConnectProjectId">,
  appName: string,
): CreateConnectorFn[] {
  const wallets: WalletList[number]["wallets"] = [injectedWallet];
  if (cfg.walletConnectProjectId) wallets.push(walletConnectWallet);
  return connectorsForWallets([{ groupName: appName, wallets }], {
    appName,
    // only read by walletConnectWallet, which is present only when the id is configured
    projectId: cfg.walletConnectProjectId ?? "unused",
  });
}

/** Builds the wagmi config (call once per page load). */
export function createWagmiConfig(cfg: PublicChainConfig, appName: string): Config {
  const chain = clientChain(cfg);
  return createConfig({
    chains: [chain],
    connectors: walletConnectors(cfg, appName),
    transports: { [chain.id]: http(cfg.rpcUrl, { batch: false, retryCount: 1 }) },
    ssr: true,
    // EIP-6963 discovery finds installed wallets locally (window events); no network involved
    multiInjectedProviderDiscovery: true,
  });
}
