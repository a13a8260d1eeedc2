import type { Metadata } from "next";
import Link from "next/link";
import { NextIntlClientProvider } from "next-intl";
import { getLocale, getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
import { LocaleSwitcher } from "./_components/locale-switcher";
import { MobileNav } from "./_components/mobile-nav";
import { webChainConfig } from "./_providers/chain-config";
import { WalletButton } from "./_providers/wallet-button";
import { Web3Providers } from "./_providers/web3-providers";
import { UserMenu } from "./_components/user-menu";
import { StudioNavLink } from "./studio/_components/nav-link";
import { env } from "@/server/env";
import "./globals.css";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("common");
  return { title: { default: t("brand"), template: `%s · ${t("brand")}` }, description: t("meta.description") };
}

export default async function RootLayout({ children }: { children: ReactNode }) {
  const locale = await getLocale();
  const t = await getTranslations("common");
  const ts = await getTranslations("catalog.search");
  const offline = env().OFFLINE_MODE;
  return (
    <html lang={locale}>
      <body>
        <NextIntlClientProvider>
          <Web3Providers config={webChainConfig()} locale={locale} appName={t("brand")}>
            <header className="site-header">
              <div className="container">
                <Link href="/" className="brand">
                  {t("brand")}
                </Link>
                <MobileNav label={t("nav.main")} openLabel={t("nav.menu")} closeLabel={t("nav.close")}>
                  <Link href="/courses">{t("nav.courses")}</Link>
                  <StudioNavLink />
                  <form action="/courses" method="get" role="search" className="header-search">
                    <input
                      type="search"
                      name="q"
                      aria-label={ts("label")}
                      placeholder={ts("placeholder")}
                      maxLength={200}
                    />
                  </form>
                  {offline ? null : <WalletButton />}
                  <UserMenu />
                  <LocaleSwitcher />
                </MobileNav>
              </div>
            </header>
            <main className="container">{children}</main>
            <footer className="site-footer">
              <div className="container">{t("footer")}</div>
            </footer>
          </Web3Providers>
        </NextIntlClientProvider>
      </body>
    </html>
  );
}
