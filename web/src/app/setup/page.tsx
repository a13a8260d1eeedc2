/**
 * /setup — first start of an offline school instance: create the first school admin and name the school.
 * Only while OFFLINE_MODE=true and no admin exists; otherwise it redirects to /signin.
 */
import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { needsSetup } from "@/features/school/setup";
import { db } from "@/server/db";
import { env } from "@/server/env";
import { SetupForm } from "./_components/setup-form";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("school.setup"))("title") };
}

export default async function SetupPage() {
  if (!env().OFFLINE_MODE || !(await needsSetup(db()))) redirect("/signin");
  const t = await getTranslations("school.setup");
  return (
    <section style={{ maxWidth: 480 }}>
      <h1>{t("title")}</h1>
      <p className="muted">{t("lead")}</p>
      <SetupForm />
    </section>
  );
}
