"use client";
/**
 * The course page's wallet, loaded on demand (issue 14 item 13): the page opens without wagmi, RainbowKit or
 * react-query. {@link LazyWalletProvider} carries the server-rendered chain config; the buy box's wallet option
 * ({@link LazyWalletCheckout}) and the header's connect button ({@link LazyHeaderWallet}) render light placeholders
 * with the same texts until the learner clicks one of them — then `wallet-island.tsx` (the libraries) is imported
 * and the connect dialog opens. A browser that had a wallet connected before loads the island right away, so
 * the connection is restored as on any wallet route.
 */
import { useTranslations } from "next-intl";
import { createContext, lazy, Suspense, useContext, useEffect, useSyncExternalStore, type ReactNode } from "react";
import { createPortal } from "react-dom";
import type { PublicChainConfig } from "@/features/checkout/crypto/config";
import { formatPrice } from "@/lib/money";
import type { WalletCheckoutProps } from "@/app/checkout/_components/wallet-checkout";
import { hadWalletConnection, loadWallet, subscribeWallet, walletRequested } from "./wallet-loader";
import { HEADER_WALLET_SLOT_ID } from "./wallet-slot";

/** What the wallet island needs from the server: the deployment's chain config, the UI locale and the app's name. */
export interface LazyWalletSettings {
  config: PublicChainConfig;
  /** UI locale (one of LOCALES) */
  locale: string;
  appName: string;
}

const LazyWalletContext = createContext<LazyWalletSettings | null>(null);

/** The settings of the surrounding {@link LazyWalletProvider} (null outside one, e.g. in offline mode). */
export function useLazyWalletSettings(): LazyWalletSettings | null {
  return useContext(LazyWalletContext);
}

const WalletCheckoutIsland = lazy(() => import("./wallet-island").then((m) => ({ default: m.WalletCheckoutIsland })));
const HeaderWalletIsland = lazy(() => import("./wallet-island").then((m) => ({ default: m.HeaderWalletIsland })));

function useRequested(): boolean {
  return useSyncExternalStore(subscribeWallet, walletRequested, () => false);
}

/** Provides the chain config to the lazy wallet parts and puts the header's connect button into its slot. */
export function LazyWalletProvider({ children, ...settings }: LazyWalletSettings & { children: ReactNode }) {
  useEffect(() => {
    if (hadWalletConnection(window.localStorage)) loadWallet(false);
  }, []);
  return (
    <LazyWalletContext.Provider value={settings}>
      <LazyHeaderWallet />
      {children}
    </LazyWalletContext.Provider>
  );
}

const noSubscription = () => () => undefined;

/** The header's wallet button (portal into `#header-wallet`): a plain "Connect wallet" until the island is loaded. */
export function LazyHeaderWallet() {
  const t = useTranslations("wallet");
  const requested = useRequested();
  const slot = useSyncExternalStore(
    noSubscription,
    () => document.getElementById(HEADER_WALLET_SLOT_ID),
    () => null,
  );
  if (!slot) return null;
  const placeholder = (busy: boolean) => (
    <button type="button" className="wallet-connect" disabled={busy} onClick={() => loadWallet(true)}>
      {t("connect")}
    </button>
  );
  return createPortal(
    requested ? (
      <Suspense fallback={placeholder(true)}>
        <HeaderWalletIsland />
      </Suspense>
    ) : (
      placeholder(false)
    ),
    slot,
  );
}

/** The disconnected wallet checkout (same texts and test ids as `WalletCheckout`'s), loading the island on click. */
function CheckoutPlaceholder({
  prices,
  manageOnly,
  busy,
}: Pick<WalletCheckoutProps, "prices" | "manageOnly"> & { busy: boolean }) {
  const t = useTranslations("wallet");
  return (
    <div
      className="wallet-checkout"
      data-testid="wallet-checkout"
      data-state="disconnected"
      aria-busy={busy || undefined}
    >
      {manageOnly ? (
        <button type="button" disabled={busy} onClick={() => loadWallet(true)}>
          {t("connectToManage")}
        </button>
      ) : (
        prices.map((p) => (
          <button
            key={p.currency}
            type="button"
            data-currency={p.currency}
            data-method="wallet"
            disabled={busy}
            onClick={() => loadWallet(true)}
          >
            {t("connectToPay", { price: formatPrice(BigInt(p.amount), p.currency) })}
          </button>
        ))
      )}
    </div>
  );
}

/** `WalletCheckout` loaded on demand (inside a {@link LazyWalletProvider}). */
export function LazyWalletCheckout(props: WalletCheckoutProps) {
  const t = useTranslations("wallet");
  const settings = useLazyWalletSettings();
  const requested = useRequested();
  if (!settings?.config.contracts) return <p className="muted">{t("unavailable")}</p>;
  if (!requested) return <CheckoutPlaceholder prices={props.prices} manageOnly={props.manageOnly} busy={false} />;
  return (
    <Suspense fallback={<CheckoutPlaceholder prices={props.prices} manageOnly={props.manageOnly} busy />}>
      <WalletCheckoutIsland {...props} />
    </Suspense>
  );
}
