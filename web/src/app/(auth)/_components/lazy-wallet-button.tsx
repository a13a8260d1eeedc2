"use client";
/**
 * {@link WalletButton} in its own JavaScript chunk (viem's SIWE helpers, next-auth's client), loaded only when a
 * page shows the button: the course page imports it for signed-in buyers with unlinked wallet purchases, and
 * every anonymous visitor would otherwise download it (issue 14 item 13). Server-rendered as before.
 */
import dynamic from "next/dynamic";

export const LazyWalletButton = dynamic(() => import("./wallet-button").then((m) => m.WalletButton));
