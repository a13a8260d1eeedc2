import type { CSSProperties } from "react";
import { getTranslations } from "next-intl/server";
import { cardsById } from "@/features/catalog/search";
import { storefrontCourseIds, type StorefrontPage } from "@/features/storefronts/service";
import { db } from "@/server/db";
import { CourseCard } from "@/app/_components/course-card";
import "./storefront.css";

/** A provider's storefront: logo, name, bio, links and published courses, in the provider's colours. */
export async function Storefront({ store }: { store: StorefrontPage }) {
  const t = await getTranslations("storefront.page");
  const courses = await cardsById(db(), await storefrontCourseIds(db(), store.providerId));
  const style = {
    ...(store.primaryColor ? { "--store-primary": store.primaryColor } : {}),
    ...(store.accentColor ? { "--accent": store.accentColor } : {}),
  } as CSSProperties;
  return (
    <div className="storefront" style={style} data-testid="storefront">
      <header className="storefront-hero">
        {store.logoUrl && (
          // eslint-disable-next-line @next/next/no-img-element -- the provider's logo, any aspect ratio, served by the app
          <img src={store.logoUrl} alt={t("logoAlt", { name: store.name })} className="storefront-logo" />
        )}
        <h1>{store.name}</h1>
      </header>
      {store.bioHtml && <div className="prose storefront-bio" dangerouslySetInnerHTML={{ __html: store.bioHtml }} />}
      {store.links.length > 0 && (
        <ul className="storefront-links" aria-label={t("links")}>
          {store.links.map((l) => (
            <li key={l.url}>
              <a href={l.url} rel="nofollow noopener noreferrer ugc" target="_blank">
                {l.label}
              </a>
            </li>
          ))}
        </ul>
      )}
      <h2>{t("courses")}</h2>
      {courses.length === 0 ? (
        <p className="muted">{t("noCourses")}</p>
      ) : (
        <div className="grid">
          {courses.map((c) => (
            <CourseCard key={c.id} course={c} />
          ))}
        </div>
      )}
    </div>
  );
}
