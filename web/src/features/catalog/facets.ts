/** Values offered by the browse page's filters, taken from the published catalog. */
import type { PrismaClient } from "@smolitux/db";

export interface CatalogFacets {
  /** distinct categories of published courses, sorted */
  categories: string[];
  /** distinct available languages (primary subtag, lower case; original or translated), sorted */
  languages: string[];
}

/**
 * Distinct categories and available languages of published courses: a course is available in its own language
 * and in every language at least one of its lessons is translated into (two queries).
 */
export async function catalogFacets(db: Pick<PrismaClient, "course" | "lessonTranslation">): Promise<CatalogFacets> {
  const rows = await db.course.groupBy({
    by: ["category", "language"],
    where: { status: "PUBLISHED" },
  });
  const translated = await db.lessonTranslation.findMany({
    where: { lesson: { section: { course: { status: "PUBLISHED" } } } },
    distinct: ["language"],
    select: { language: true },
  });
  const categories = new Set<string>();
  const languages = new Set<string>();
  for (const r of rows) {
    categories.add(r.category);
    languages.add((r.language.split("-")[0] ?? r.language).toLowerCase());
  }
  for (const r of translated) languages.add(r.language);
  return { categories: [...categories].sort(), languages: [...languages].sort() };
}
