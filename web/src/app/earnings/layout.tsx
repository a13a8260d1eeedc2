import type { ReactNode } from "react";
import { WalletScope } from "@/app/_providers/wallet-scope";

/** A wallet route: wagmi + RainbowKit load here only (see _providers/wallet-scope.tsx). */
export default function WalletRouteLayout({ children }: { children: ReactNode }) {
  return <WalletScope>{children}</WalletScope>;
}
