"use client";
/** React context carrying the server-rendered {@link PublicChainConfig} to client components. */
import { createContext, useContext } from "react";
import type { PublicChainConfig } from "@/features/checkout/crypto/config";

const ChainConfigContext = createContext<PublicChainConfig | null>(null);

/** Provides the chain config (mounted by {@link Web3Providers}). */
export const ChainConfigProvider = ChainConfigContext.Provider;

/**
 * The chain config of this deployment.
 * @throws Error when used outside `Web3Providers`
 */
export function useChainConfig(): PublicChainConfig {
  const value = useContext(ChainConfigContext);
  if (!value) throw new Error("useChainConfig must be used inside <Web3Providers>");
  return value;
}
