/**
 * Cached catalog reads for the catalog page and the public API: results are identical for every visitor, so each
 * replica keeps them for {@link CATALOG_CACHE_TTL_MS}. Every write that expires the public pages (publishing, a
 * price change, a review, a lesson translation that adds an "available in" language, … — `route()` in
 * server/http.ts → `invalidatePublicPages`) empties them at once on the replica that took the write; other
 * replicas follow within the TTL.
 */
import type { PrismaClient } from "@smolitux/db";
import { onPublicPagesInvalidated } from "@/server/page-cache";
import { createTtlCache } from "./cache";
import { catalogFacets, type CatalogFacets } from "./facets";
import { catalogQueryString, type CatalogQuery } from "./schemas";
import { searchCourses, type CatalogPage } from "./search";

/** How long a catalog result is reused, in milliseconds. */
export const CATALOG_CACHE_TTL_MS = 30_000;

const pages = createTtlCache<CatalogPage>(CATALOG_CACHE_TTL_MS, 500);
const facets = createTtlCache<CatalogFacets>(CATALOG_CACHE_TTL_MS, 1);
onPublicPagesInvalidated(() => {
  pages.clear();
  facets.clear();
});

/** {@link searchCourses}, cached per normalized query. */
export function cachedSearchCourses(db: PrismaClient, query: CatalogQuery): Promise<CatalogPage> {
  return pages.get(catalogQueryString(query) || "-", () => searchCourses(db, query));
}

/** {@link catalogFacets}, cached. */
export function cachedCatalogFacets(db: PrismaClient): Promise<CatalogFacets> {
  return facets.get("facets", () => catalogFacets(db));
}
