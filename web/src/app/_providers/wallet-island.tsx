"use client";
/**
 * The wallet libraries of the course page, imported on demand by `lazy-wallet.tsx` (never at page open): the
 * wallet checkout and the header's RainbowKit button, each inside {@link Web3Providers} (which share one wagmi config
 * and one query client per page load, so both see the same connection). Opens the connect dialog when the island
 * was loaded by a connect click.
 */
import { useConnectModal } from "@rainbow-me/rainbowkit";
import { useEffect, type ReactNode } from "react";
import { useConnection } from "wagmi";
import { WalletCheckout, type WalletCheckoutProps } from "@/app/checkout/_components/wallet-checkout";
import { useLazyWalletSettings } from "./lazy-wallet";
import { WalletButton } from "./wallet-button";
import { takePendingConnect } from "./wallet-loader";
import { Web3Providers } from "./web3-providers";

/** Opens RainbowKit's connect dialog once for the click that loaded the island (not when a wallet reconnected). */
function ConnectWhenAsked() {
  const { openConnectModal } = useConnectModal();
  const { isConnected, isReconnecting, isConnecting } = useConnection();
  useEffect(() => {
    if (isConnected) {
      takePendingConnect();
      return;
    }
    if (!openConnectModal || isReconnecting || isConnecting) return;
    if (takePendingConnect()) openConnectModal();
  }, [openConnectModal, isConnected, isReconnecting, isConnecting]);
  return null;
}

function Island({ children }: { children: ReactNode }) {
  const settings = useLazyWalletSettings();
  if (!settings) return null;
  return (
    <Web3Providers config={settings.config} locale={settings.locale} appName={settings.appName}>
      <ConnectWhenAsked />
      {children}
    </Web3Providers>
  );
}

/** The buy box's wallet checkout with its providers. */
export function WalletCheckoutIsland(props: WalletCheckoutProps) {
  return (
    <Island>
      <WalletCheckout {...props} />
    </Island>
  );
}

/** The header's RainbowKit connect/account button with its providers. */
export function HeaderWalletIsland() {
  return (
    <Island>
      <WalletButton />
    </Island>
  );
}
