"use client";
/**
 * Client providers of the web3 features: react-query, wagmi (configured chain only) and RainbowKit.
 * The chain config is rendered by the server (env at request time), so one build serves any chain.
 * Mounted by `WalletScope` (./wallet-scope.tsx) on the routes that need a wallet only (never by the root layout).
 */
import "@rainbow-me/rainbowkit/styles.css";
import { RainbowKitProvider, lightTheme, type Locale as RkLocale } from "@rainbow-me/rainbowkit";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { useState, type ReactNode } from "react";
import type { Config } from "wagmi";
import { WagmiProvider } from "wagmi";
import type { PublicChainConfig } from "@/features/checkout/crypto/config";
import { ChainConfigProvider } from "./chain-config-context";
import { createWagmiConfig } from "./wagmi-config";

const RK_LOCALES: Record<string, RkLocale> = { en: "en-US", de: "de-DE", tr: "tr-TR", fr: "fr-FR", es: "es-419" };

export interface Web3ProvidersProps {
  config: PublicChainConfig;
  /** UI locale (one of LOCALES) */
  locale: string;
  appName: string;
  children: ReactNode;
}

let shared: { key: string; wagmiConfig: Config; queryClient: QueryClient } | undefined;

/**
 * One wagmi config and one query client per page load and chain config: several provider trees on a page (the
 * course page's lazily loaded buy box and header button, `wallet-island.tsx`) share one connection state.
 */
function sharedClients(config: PublicChainConfig, appName: string) {
  const key = JSON.stringify([config, appName]);
  const fresh = () => ({
    key,
    wagmiConfig: createWagmiConfig(config, appName),
    queryClient: new QueryClient({ defaultOptions: { queries: { retry: 1 } } }),
  });
  // server render: per request (a module-level client would be shared by every visitor)
  if (typeof window === "undefined") return fresh();
  if (shared?.key !== key) shared = fresh();
  return shared;
}

/** Mounts react-query + wagmi + RainbowKit + the chain config context. */
export function Web3Providers({ config, locale, appName, children }: Web3ProvidersProps) {
  const [{ wagmiConfig, queryClient }] = useState(() => sharedClients(config, appName));
  return (
    <ChainConfigProvider value={config}>
      <WagmiProvider config={wagmiConfig}>
        <QueryClientProvider client={queryClient}>
          <RainbowKitProvider
            locale={RK_LOCALES[locale] ?? "en-US"}
            theme={lightTheme({ borderRadius: "small", fontStack: "system" })}
            appInfo={{ appName }}
            modalSize="compact"
          >
            {children}
          </RainbowKitProvider>
        </QueryClientProvider>
      </WagmiProvider>
    </ChainConfigProvider>
  );
}
