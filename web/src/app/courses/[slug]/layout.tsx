import type { CSSProperties, ReactNode } from "react";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { ClientMessages } from "@/app/_providers/client-messages";
import { LazyWalletScope } from "@/app/_providers/lazy-wallet-scope";
import { CLIENT_NAMESPACES } from "@/i18n/client-messages";
import { courseProviderBranding } from "@/features/storefronts/service";
import { db } from "@/server/db";

/**
 * A wallet route whose wallet libraries load on demand (wallet purchase or connect click; see
 * _providers/lazy-wallet.tsx). The course page carries its
 * provider's storefront accent colour (`--accent`) and links to the storefront (features/storefronts). Its client
 * components get only the messages they use (i18n/client-messages.ts).
 */
export default async function WalletRouteLayout({
  children,
  params,
}: {
  children: ReactNode;
  params: Promise<{ slug: string }>;
}) {
  const { slug } = await params;
  const branding = /^[a-z0-9-]{1,128}$/.test(slug) ? await courseProviderBranding(db(), slug) : null;
  if (!branding)
    return (
      <ClientMessages namespaces={CLIENT_NAMESPACES.course}>
        <LazyWalletScope>{children}</LazyWalletScope>
      </ClientMessages>
    );
  const t = await getTranslations("storefront.page");
  const style = (branding.accentColor ? { "--accent": branding.accentColor } : {}) as CSSProperties;
  return (
    <ClientMessages namespaces={CLIENT_NAMESPACES.course}>
      <LazyWalletScope>
        <div style={style} data-testid="provider-branded">
          <p className="muted">
            <Link href={`/providers/${branding.slug}`}>{t("visit")}</Link>
          </p>
          {children}
        </div>
      </LazyWalletScope>
    </ClientMessages>
  );
}
