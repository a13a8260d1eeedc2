/** /providers/<slug>: a provider's public storefront (features/storefronts). */
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { storefrontBySlug } from "@/features/storefronts/service";
import { db } from "@/server/db";
import { Storefront } from "../_components/storefront";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ slug: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const store = await storefrontBySlug(db(), (await params).slug);
  return { title: store?.name };
}

export default async function ProviderStorefrontPage({ params }: Props) {
  const { slug } = await params;
  if (!/^[a-z0-9-]{1,40}$/i.test(slug)) notFound();
  const store = await storefrontBySlug(db(), slug);
  if (!store) notFound();
  return <Storefront store={store} />;
}
