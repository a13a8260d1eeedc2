import type { ReactNode } from "react";
import { ClientMessages } from "@/app/_providers/client-messages";
import { WalletScope } from "@/app/_providers/wallet-scope";

/** A wallet route: wagmi + RainbowKit load here only (see _providers/wallet-scope.tsx); every message reaches it. */
export default function WalletRouteLayout({ children }: { children: ReactNode }) {
  return (
    <ClientMessages all>
      <WalletScope>{children}</WalletScope>
    </ClientMessages>
  );
}
