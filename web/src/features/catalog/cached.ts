/**
 * Cached catalog reads for anonymous pages and the public API: results are identical for every visitor,
 * so each replica keeps them for {@link CATALOG_CACHE_TTL_MS}. Writers need not invalidate: a newly
 * published or re-priced course appears within that time.
 */
import type { PrismaClient } from "@smolitux/db";
import { createTtlCache } from "./cache";
import { catalogFacets, type CatalogFacets } from "./facets";
import { catalogQueryString, type CatalogQuery } from "./schemas";
import { searchCourses, type CatalogPage } from "./search";

/** How long a catalog result is reused, in milliseconds. */
export const CATALOG_CACHE_TTL_MS = 30_000;

const pages = createTtlCache<CatalogPage>(CATALOG_CACHE_TTL_MS, 500);
const facets = createTtlCache<CatalogFacets>(CATALOG_CACHE_TTL_MS, 1);

/** {@link searchCourses}, cached per normalized query. */
export function cachedSearchCourses(db: PrismaClient, query: CatalogQuery): Promise<CatalogPage> {
  return pages.get(catalogQueryString(query) || "-", () => searchCourses(db, query));
}

/** {@link catalogFacets}, cached. */
export function cachedCatalogFacets(db: PrismaClient): Promise<CatalogFacets> {
  return facets.get("facets", () => catalogFacets(db));
}
