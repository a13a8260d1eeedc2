/**
 * The storefront served for a provider's custom domain: `src/proxy.ts` rewrites `GET /` of a request whose Host is
 * not the platform's to this page (server/security/custom-domain.ts); an unknown host is a 404.
 */
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { storefrontByDomain } from "@/features/storefronts/service";
import { db } from "@/server/db";
import { Storefront } from "../../providers/_components/storefront";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ host: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const store = await storefrontByDomain(db(), decodeURIComponent((await params).host));
  return { title: store?.name };
}

export default async function CustomDomainStorefrontPage({ params }: Props) {
  const host = decodeURIComponent((await params).host);
  if (!/^[a-z0-9.-]{1,253}$/i.test(host)) notFound();
  const store = await storefrontByDomain(db(), host);
  if (!store) notFound();
  return <Storefront store={store} />;
}
