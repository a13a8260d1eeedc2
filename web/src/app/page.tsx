import { getTranslations } from "next-intl/server";
import { homeCourses } from "@/features/catalog/queries";
import { db } from "@/server/db";
import { env } from "@/server/env";
import { CardGrid } from "./_components/card-grid";

export const dynamic = "force-dynamic";

export default async function HomePage() {
  const t = await getTranslations("catalog.home");
  const { featured, newest } = await homeCourses(db());
  return (
    <>
      {/* offline school: no card or wallet checkout — courses come from the teacher or an access code */}
      <h1>{env().OFFLINE_MODE ? t("titleOffline") : t("title")}</h1>
      <p className="muted">{env().OFFLINE_MODE ? t("leadOffline") : t("lead")}</p>
      {featured.length > 0 && (
        <section aria-labelledby="featured">
          <h2 id="featured">{t("featured")}</h2>
          <CardGrid courses={featured} priorityFirst />
        </section>
      )}
      <section aria-labelledby="newest">
        <h2 id="newest">{t("newest")}</h2>
        {newest.length === 0 ? (
          <p className="muted">{t("empty")}</p>
        ) : (
          <CardGrid courses={newest} priorityFirst={featured.length === 0} />
        )}
      </section>
    </>
  );
}
