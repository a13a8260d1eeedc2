"use client";
/** The header's wallet button (RainbowKit ConnectButton: connect, account, wrong-network switch). */
import { ConnectButton } from "@rainbow-me/rainbowkit";

/** Header wallet button; balance hidden (no extra RPC polling on every page). */
export function WalletButton() {
  return <ConnectButton showBalance={false} chainStatus="icon" accountStatus="address" />;
}
