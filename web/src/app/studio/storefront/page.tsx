/** /studio/storefront: the provider's storefront settings (slug, logo, colours, bio, links, custom domain). */
import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { myStorefront } from "@/features/storefronts/service";
import { db } from "@/server/db";
import { env } from "@/server/env";
import { NotProvider, studioPageUser } from "../_components/guard";
import { StorefrontForm } from "../_components/storefront-form";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("storefront.settings"))("title") };
}

export default async function StorefrontSettingsPage() {
  const user = await studioPageUser("/studio/storefront");
  if (!user || !user.roles.includes("PROVIDER")) return <NotProvider />;
  const t = await getTranslations("storefront.settings");
  const current = await myStorefront(db(), user);
  return (
    <section>
      <h1>{t("title")}</h1>
      <p className="muted">{t("lead")}</p>
      {current && (
        <p>
          <Link href={`/providers/${current.slug}`}>{t("view")}</Link>
        </p>
      )}
      <StorefrontForm
        initial={current}
        suggestedSlug={(user.name ?? "")
          .toLowerCase()
          .replace(/[^a-z0-9]+/g, "-")
          .replace(/^-|-$/g, "")
          .slice(0, 40)}
        platformHost={new URL(env().APP_URL).hostname}
      />
    </section>
  );
}
