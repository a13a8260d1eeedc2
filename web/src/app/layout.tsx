import type { Metadata } from "next";
import Link from "next/link";
import { NextIntlClientProvider } from "next-intl";
import { getLocale, getMessages, getTranslations } from "next-intl/server";
import type { CSSProperties, ReactNode } from "react";
import { LocaleSwitcher } from "./_components/locale-switcher";
import { LOCALES } from "@/i18n/config";
import { MobileNav } from "./_components/mobile-nav";
import { ClientSetup } from "./_components/client-setup";
import { HEADER_WALLET_SLOT_ID } from "./_providers/wallet-slot";
import { NotificationBell } from "./_components/notification-bell";
import { EmailVerificationBanner } from "./_components/email-verification-banner";
import { UserMenu } from "./_components/user-menu";
import { StudioNavLink } from "./studio/_components/nav-link";
import { getBranding } from "@/features/school/branding";
import { CLIENT_NAMESPACES, pickMessages } from "@/i18n/client-messages";
import { db } from "@/server/db";
import { env } from "@/server/env";
import "./globals.css";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("common");
  const brand = (await getBranding(db())).name ?? t("brand");
  return { title: { default: brand, template: `%s · ${brand}` }, description: t("meta.description") };
}

export default async function RootLayout({ children }: { children: ReactNode }) {
  const locale = await getLocale();
  const t = await getTranslations("common");
  const ts = await getTranslations("catalog.search");
  const offline = env().OFFLINE_MODE;
  // the header's messages only; each route's layout gives its own client components theirs (i18n/client-messages.ts)
  const shellMessages = pickMessages(await getMessages(), CLIENT_NAMESPACES.shell);
  // School branding (features/school/branding): name, logo and colours on every page.
  const branding = await getBranding(db());
  const brandStyle = {
    ...(branding.primaryColor ? { "--accent": branding.primaryColor } : {}),
    ...(branding.accentColor ? { "--brand-accent": branding.accentColor } : {}),
  } as CSSProperties;
  return (
    <html lang={locale}>
      <body style={brandStyle}>
        <NextIntlClientProvider messages={shellMessages}>
          <ClientSetup />
          <noscript>
            {/* without JavaScript the phone menu cannot open: show its links (globals.css collapses them) */}
            <style>{`@media (max-width: 860px) { .site-nav[data-open="false"] { display: flex; } .nav-toggle { display: none; } }`}</style>
          </noscript>
          <header className="site-header">
            <div className="container">
              <Link href="/" className="brand" data-testid="brand">
                {branding.logoVersion && (
                  // eslint-disable-next-line @next/next/no-img-element -- the school's small logo, served by the app
                  <img src={`/api/school/logo?v=${branding.logoVersion}`} alt="" height={28} className="brand-logo" />
                )}
                {branding.name ?? t("brand")}
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
                {/* wallet routes (WalletScope) render RainbowKit's connect button here */}
                {offline ? null : <span id={HEADER_WALLET_SLOT_ID} className="header-wallet" />}
                <NotificationBell />
                <UserMenu />
              </MobileNav>
            </div>
          </header>
          <EmailVerificationBanner />
          <main className="container">{children}</main>
          <footer className="site-footer">
            {/* The UI language sits in the footer (as on Udemy): the header keeps room for the account links. */}
            <div className="container footer-row">
              <span>{t("footer")}</span>
              <LocaleSwitcher
                locale={locale}
                label={t("language.label")}
                options={LOCALES.map((l) => ({ value: l, label: t(`language.${l}` as "language.en") }))}
              />
            </div>
          </footer>
        </NextIntlClientProvider>
      </body>
    </html>
  );
}
