/** /school/packs — school admins import course packs (upload or PACKS_DIR) and keep the trusted publisher keys. */
import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { listPublishers } from "@/features/packs/publishers";
import { listPackFiles } from "@/features/packs/service";
import { appPackDeps } from "@/features/packs/wiring";
import { isSchoolAdmin } from "@/features/school/access";
import { db } from "@/server/db";
import { schoolUser } from "../_components/guard";
import { PackImport } from "./_components/pack-import";
import { Publishers } from "./_components/publishers";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("school.packs"))("title") };
}

export default async function PacksPage() {
  const guard = await schoolUser("/school/packs");
  if ("denied" in guard) return guard.denied;
  const t = await getTranslations("school");
  if (!isSchoolAdmin(guard.user)) {
    return (
      <section>
        <h1>{t("packs.title")}</h1>
        <p role="alert">{t("forbidden")}</p>
      </section>
    );
  }
  const deps = appPackDeps();
  const [files, publishers] = await Promise.all([
    deps.packsDir ? listPackFiles(deps, guard.user) : Promise.resolve(null),
    listPublishers(db(), guard.user),
  ]);
  return (
    <section data-testid="school-packs">
      <p>
        <Link href="/school">← {t("class.back")}</Link>
      </p>
      <h1>{t("packs.title")}</h1>
      <p className="muted">{t("packs.lead")}</p>
      <PackImport folder={files} />
      <h2>{t("packs.publishers")}</h2>
      <Publishers publishers={publishers} />
    </section>
  );
}
