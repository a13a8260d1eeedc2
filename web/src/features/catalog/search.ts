/**
 * Catalog search over PUBLISHED courses: PostgreSQL full-text search on `Course.searchVector` (kept by the
 * `course_search` trigger: german configuration for courses in German, english otherwise) queried with
 * `websearch_to_tsquery` in both configurations, ranked with `ts_rank_cd`; filters, sorting, pagination.
 * Raw SQL is built only from `Prisma.sql` fragments with bound parameters.
 */
import { Prisma, type PrismaClient } from "@smolitux/db";
import { PAGE_SIZE, type CatalogQuery } from "./schemas";
import { cardSelect, toCard, type CourseCard } from "./queries";
import { ratingSummaries, type RatingSummary } from "./ratings";

/** A course in a result list. */
export interface CourseListItem extends CourseCard {
  rating: RatingSummary;
  publishedAt: Date | null;
}

/** One page of results; `total` counts every match. */
export interface CatalogPage {
  items: CourseListItem[];
  page: number;
  pageSize: number;
  total: number;
}

/** The Prisma client surface the search needs (any client, e.g. one with a query-counting extension). */
export type CatalogDb = Pick<PrismaClient, "$queryRaw" | "course" | "review">;

/** `parts` joined by spaces; empty SQL for none. */
function concat(parts: Prisma.Sql[]): Prisma.Sql {
  return parts.length === 0 ? Prisma.empty : Prisma.join(parts, " ", "", "");
}

/** A single word of at most this many characters is also matched as a prefix (`gi` → `git`). */
const PREFIX_MAX = 4;

function textMatch(q: string): { where: Prisma.Sql; rank: Prisma.Sql } {
  const en = Prisma.sql`websearch_to_tsquery('english', ${q})`;
  const de = Prisma.sql`websearch_to_tsquery('german', ${q})`;
  const clauses = [Prisma.sql`c."searchVector" @@ ${en}`, Prisma.sql`c."searchVector" @@ ${de}`];
  // The token is letters/digits only, so `<token>:*` is always a valid tsquery.
  if (/^[\p{L}\p{N}]+$/u.test(q) && q.length <= PREFIX_MAX) {
    clauses.push(Prisma.sql`c."searchVector" @@ to_tsquery('simple', ${`${q.toLowerCase()}:*`})`);
  }
  return {
    where: Prisma.sql`(${Prisma.join(clauses, " OR ")})`,
    rank: Prisma.sql`ts_rank_cd(c."searchVector", ${en}) + ts_rank_cd(c."searchVector", ${de})`,
  };
}

function filters(query: CatalogQuery): Prisma.Sql[] {
  const where: Prisma.Sql[] = [Prisma.sql`c."status" = 'PUBLISHED'`];
  if (query.language) {
    // available in the language: the course's own, or at least one lesson translated into it
    where.push(Prisma.sql`(c."language" = ${query.language} OR c."language" LIKE ${`${query.language}-%`}
      OR EXISTS (SELECT 1 FROM "LessonTranslation" lt JOIN "Lesson" l ON l."id" = lt."lessonId"
        JOIN "Section" s ON s."id" = l."sectionId" WHERE s."courseId" = c."id" AND lt."language" = ${query.language}))`);
  }
  if (query.level) where.push(Prisma.sql`c."level" = CAST(${query.level} AS "CourseLevel")`);
  if (query.category) where.push(Prisma.sql`lower(c."category") = lower(${query.category})`);
  if (query.free !== undefined) where.push(Prisma.sql`c."isFree" = ${query.free}`);
  if (query.currency) {
    const range: Prisma.Sql[] = [];
    if (query.minPrice !== undefined)
      range.push(Prisma.sql`AND p."amount" >= CAST(${query.minPrice.toString()} AS numeric)`);
    if (query.maxPrice !== undefined)
      range.push(Prisma.sql`AND p."amount" <= CAST(${query.maxPrice.toString()} AS numeric)`);
    where.push(Prisma.sql`EXISTS (SELECT 1 FROM "CoursePrice" p WHERE p."courseId" = c."id"
      AND p."currency" = CAST(${query.currency} AS "Currency") ${concat(range)})`);
  }
  return where;
}

/** The page query (ids + total) and the count query of `query`, as parameterized SQL. */
export function searchSql(query: CatalogQuery, pageSize = PAGE_SIZE): { page: Prisma.Sql; count: Prisma.Sql } {
  const where = filters(query);
  const text = query.q ? textMatch(query.q) : null;
  if (text) where.push(text.where);
  const sortCurrency = query.currency ?? "EUR";
  const joins: Prisma.Sql[] = [];
  let order: Prisma.Sql;
  switch (query.sort) {
    case "relevance":
      order = text
        ? Prisma.sql`m."rank" DESC, m."publishedAt" DESC NULLS LAST`
        : Prisma.sql`m."publishedAt" DESC NULLS LAST`;
      break;
    case "price_asc":
    case "price_desc":
      joins.push(
        Prisma.sql`LEFT JOIN "CoursePrice" sp ON sp."courseId" = c."id" AND sp."currency" = CAST(${sortCurrency} AS "Currency")`,
      );
      order = query.sort === "price_asc" ? Prisma.sql`m."price" ASC NULLS LAST` : Prisma.sql`m."price" DESC NULLS LAST`;
      break;
    case "rating":
      joins.push(
        Prisma.sql`LEFT JOIN (SELECT "courseId", avg("rating") AS avg, count(*) AS n FROM "Review" GROUP BY "courseId") rv ON rv."courseId" = c."id"`,
      );
      order = Prisma.sql`m."avgRating" DESC NULLS LAST, m."reviews" DESC NULLS LAST`;
      break;
    default:
      order = Prisma.sql`m."publishedAt" DESC NULLS LAST`;
  }
  const priceCol = query.sort.startsWith("price")
    ? Prisma.sql`COALESCE(sp."amount", CASE WHEN c."isFree" THEN 0 END)`
    : Prisma.sql`NULL::numeric`;
  const ratingCols =
    query.sort === "rating"
      ? Prisma.sql`rv.avg AS "avgRating", rv.n AS "reviews"`
      : Prisma.sql`NULL::numeric AS "avgRating", NULL::bigint AS "reviews"`;
  const offset = (query.page - 1) * pageSize;
  const matchWhere = Prisma.join(where, " AND ");
  return {
    page: Prisma.sql`
      WITH m AS (
        SELECT c."id", c."publishedAt", ${text ? text.rank : Prisma.sql`0`} AS "rank", ${priceCol} AS "price", ${ratingCols}
        FROM "Course" c ${concat(joins)}
        WHERE ${matchWhere}
      )
      SELECT m."id", (SELECT count(*) FROM m)::int AS "total"
      FROM m ORDER BY ${order}, m."id" ASC
      LIMIT ${pageSize} OFFSET ${offset}`,
    count: Prisma.sql`SELECT count(*)::int AS "total" FROM "Course" c WHERE ${matchWhere}`,
  };
}

/**
 * One page of published courses matching `query`, with cards and rating summaries.
 * Queries: one for ids + total (plus a count when the page is past the end), one per card relation and
 * one for ratings — independent of the page size.
 * @param pageSize results per page (default {@link PAGE_SIZE})
 */
export async function searchCourses(db: CatalogDb, query: CatalogQuery, pageSize = PAGE_SIZE): Promise<CatalogPage> {
  const sql = searchSql(query, pageSize);
  const rows = await db.$queryRaw<{ id: string; total: number }[]>(sql.page);
  let total = rows[0]?.total ?? 0;
  if (rows.length === 0 && query.page > 1) {
    const [count] = await db.$queryRaw<{ total: number }[]>(sql.count);
    total = count?.total ?? 0;
  }
  const items = await cardsById(
    db,
    rows.map((r) => r.id),
  );
  return { items, page: query.page, pageSize, total };
}

/** Cards with ratings for `ids`, in the order of `ids` (missing or unpublished ids are skipped). */
export async function cardsById(db: CatalogDb, ids: string[]): Promise<CourseListItem[]> {
  if (ids.length === 0) return [];
  const [cards, ratings] = await Promise.all([
    db.course.findMany({
      where: { id: { in: ids }, status: "PUBLISHED" },
      select: { ...cardSelect, publishedAt: true },
    }),
    ratingSummaries(db, ids),
  ]);
  const byId = new Map(cards.map((c) => [c.id, c]));
  return ids.flatMap((id) => {
    const row = byId.get(id);
    const rating = ratings.get(id);
    return row && rating ? [{ ...toCard(row), publishedAt: row.publishedAt, rating }] : [];
  });
}
