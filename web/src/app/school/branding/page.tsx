/** /school/branding — a school admin sets the school's name, colours and logo (applied to every page and certificate). */
import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { isSchoolAdmin } from "@/features/school/access";
import { getBranding } from "@/features/school/branding";
import { db } from "@/server/db";
import { schoolUser } from "../_components/guard";
import { BrandingForm } from "./_components/branding-form";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("school.branding"))("title") };
}

export default async function BrandingPage() {
  const guard = await schoolUser("/school/branding");
  if ("denied" in guard) return guard.denied;
  const t = await getTranslations("school");
  if (!isSchoolAdmin(guard.user)) {
    return (
      <section>
        <h1>{t("branding.title")}</h1>
        <p role="alert">{t("forbidden")}</p>
      </section>
    );
  }
  const b = await getBranding(db());
  return (
    <section data-testid="school-branding">
      <p>
        <Link href="/school">← {t("class.back")}</Link>
      </p>
      <h1>{t("branding.title")}</h1>
      <p className="muted">{t("branding.lead")}</p>
      <BrandingForm
        name={b.name ?? ""}
        primaryColor={b.primaryColor ?? "#4b3fd1"}
        accentColor={b.accentColor ?? "#f59e0b"}
        logoVersion={b.logoVersion}
      />
    </section>
  );
}
