import { getTranslations } from "next-intl/server";
import { homeCourses } from "@/features/catalog/queries";
import { db } from "@/server/db";
import { env } from "@/server/env";
import { CourseCard } from "./_components/course-card";

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
          <div className="grid">
            {featured.map((c, i) => (
              <CourseCard key={c.id} course={c} priority={i === 0} />
            ))}
          </div>
        </section>
      )}
      <section aria-labelledby="newest">
        <h2 id="newest">{t("newest")}</h2>
        {newest.length === 0 ? (
          <p className="muted">{t("empty")}</p>
        ) : (
          <div className="grid">
            {newest.map((c, i) => (
              <CourseCard key={c.id} course={c} priority={featured.length === 0 && i === 0} />
            ))}
          </div>
        )}
      </section>
    </>
  );
}
