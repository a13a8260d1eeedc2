/**
 * Wallet scope of a route (issue 14 item 13): wagmi, RainbowKit and react-query are loaded only by the
 * routes that need a wallet (course page buy box, dashboard refunds, earnings) — each puts this server
 * component in its `layout.tsx`. It mounts {@link Web3Providers} with the deployment's chain config and
 * puts RainbowKit's connect button into the header's wallet slot (`#header-wallet`, see the root layout).
 * Every other page ships none of the wallet libraries.
 */
import { getLocale, getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
import { env } from "@/server/env";
import { webChainConfig } from "./chain-config";
import { HeaderWalletButton } from "./header-wallet-button";
import { Web3Providers } from "./web3-providers";

/** Wraps a wallet route's pages in the web3 providers; offline instances get the children only. */
export async function WalletScope({ children }: { children: ReactNode }) {
  if (env().OFFLINE_MODE) return <>{children}</>;
  const locale = await getLocale();
  const t = await getTranslations("common");
  return (
    <Web3Providers config={webChainConfig()} locale={locale} appName={t("brand")}>
      <HeaderWalletButton />
      {children}
    </Web3Providers>
  );
}
