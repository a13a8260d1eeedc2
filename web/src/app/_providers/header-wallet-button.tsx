"use client";
/**
 * Renders the RainbowKit connect button into the header's wallet slot (`<span id="header-wallet">` in the
 * root layout) through a portal, so a wallet route shows it where every page used to, while the root
 * layout itself imports no wallet library. Mounted after hydration (the slot is server-rendered empty).
 */
import { useSyncExternalStore } from "react";
import { createPortal } from "react-dom";
import { WalletButton } from "./wallet-button";
import { HEADER_WALLET_SLOT_ID } from "./wallet-slot";

const noSubscription = () => () => undefined;

/** The header wallet button of a wallet route (inside {@link Web3Providers}). */
export function HeaderWalletButton() {
  const slot = useSyncExternalStore(
    noSubscription,
    () => document.getElementById(HEADER_WALLET_SLOT_ID),
    () => null,
  );
  return slot ? createPortal(<WalletButton />, slot) : null;
}
