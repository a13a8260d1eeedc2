/**
 * The course page's wallet scope: like `WalletScope` (./wallet-scope.tsx), but the wallet libraries load only when
 * the learner starts a wallet purchase or connects (see ./lazy-wallet.tsx); the page itself ships none of them.
 * Its own module: importing wallet-scope.tsx would put wagmi and RainbowKit into the importing page's JavaScript.
 */
import { getLocale, getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
import { env } from "@/server/env";
import { webChainConfig } from "./chain-config";
import { LazyWalletProvider } from "./lazy-wallet";

/** Wraps the course page in the lazy wallet context; offline instances get the children only. */
export async function LazyWalletScope({ children }: { children: ReactNode }) {
  if (env().OFFLINE_MODE) return <>{children}</>;
  const locale = await getLocale();
  const t = await getTranslations("common");
  return (
    <LazyWalletProvider config={webChainConfig()} locale={locale} appName={t("brand")}>
      {children}
    </LazyWalletProvider>
  );
}
