import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { cachedCatalogFacets, cachedSearchCourses } from "@/features/catalog/cached";
import { catalogQueryString, parseBrowseQuery, type RawQuery } from "@/features/catalog/schemas";
import { db } from "@/server/db";
import { CardGrid } from "../_components/card-grid";
import { Filters } from "./_components/filters";
import { Pagination } from "./_components/pagination";
import "./_components/catalog.css";

type Props = { searchParams: Promise<RawQuery> };

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("catalog.browse");
  return { title: t("title") };
}

/** `/courses`: search, filters, sorting and pagination of the published catalog; state lives in the URL. */
export default async function BrowsePage({ searchParams }: Props) {
  const { query, invalid } = parseBrowseQuery(await searchParams);
  const t = await getTranslations("catalog");
  const [result, facets] = await Promise.all([cachedSearchCourses(db(), query), cachedCatalogFacets(db())]);
  const pages = Math.max(1, Math.ceil(result.total / result.pageSize));
  const ignored = Object.keys(invalid);
  return (
    <div className="browse-layout">
      <aside>
        <h2 className="sr-only">{t("browse.filters")}</h2>
        <Filters query={query} facets={facets} />
      </aside>
      <section aria-labelledby="results-title">
        <h1 id="results-title">{query.q ? t("browse.resultsFor", { q: query.q }) : t("browse.title")}</h1>
        {ignored.length > 0 && (
          <p role="status" className="notice">
            {t("browse.ignored", {
              fields: ignored.map((f) => t(`browse.field.${f as "q"}`)).join(", "),
            })}
          </p>
        )}
        {/* the results' heading ("12 courses"): the cards' h3 titles follow an h2 (WCAG heading order) */}
        <h2 className="muted result-count" aria-live="polite">
          {t("browse.count", { count: result.total })}
        </h2>
        {result.items.length === 0 ? <p>{t("browse.empty")}</p> : <CardGrid courses={result.items} priorityFirst />}
        <Pagination
          page={query.page}
          pages={pages}
          href={(page) => {
            const qs = catalogQueryString(query, { page });
            return qs ? `/courses?${qs}` : "/courses";
          }}
        />
      </section>
    </div>
  );
}
