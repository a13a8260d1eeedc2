/** Values offered by the browse page's filters, taken from the published catalog. */
import type { PrismaClient } from "@smolitux/db";

export interface CatalogFacets {
  /** distinct categories of published courses, sorted */
  categories: string[];
  /** distinct course languages (primary subtag, lower case), sorted */
  languages: string[];
}

/** Distinct categories and languages of published courses (one query). */
export async function catalogFacets(db: Pick<PrismaClient, "course">): Promise<CatalogFacets> {
  const rows = await db.course.groupBy({
    by: ["category", "language"],
    where: { status: "PUBLISHED" },
  });
  const categories = new Set<string>();
  const languages = new Set<string>();
  for (const r of rows) {
    categories.add(r.category);
    languages.add((r.language.split("-")[0] ?? r.language).toLowerCase());
  }
  return { categories: [...categories].sort(), languages: [...languages].sort() };
}
