/** Rating summaries of courses from the Review table (ratings are integers 1–5). */
import type { PrismaClient } from "@smolitux/db";

export interface RatingSummary {
  /** mean rating rounded half-up to one decimal, e.g. "4.3"; null without reviews */
  average: string | null;
  count: number;
  /** number of reviews per star rating */
  distribution: Record<1 | 2 | 3 | 4 | 5, number>;
}

/** The summary of no reviews. */
export function emptyRating(): RatingSummary {
  return { average: null, count: 0, distribution: { 1: 0, 2: 0, 3: 0, 4: 0, 5: 0 } };
}

/**
 * Mean of `sum / count` as a one-decimal string, computed in integers (half-up), e.g. 13/3 → "4.3".
 * @returns null when count is 0
 */
export function averageOneDecimal(sum: number, count: number): string | null {
  if (count <= 0) return null;
  const tenths = Math.floor((sum * 20 + count) / (2 * count));
  return `${Math.floor(tenths / 10)}.${tenths % 10}`;
}

/** Builds a summary from `{ rating, count }` groups (ratings outside 1–5 are ignored). */
export function summarize(groups: { rating: number; count: number }[]): RatingSummary {
  const summary = emptyRating();
  let sum = 0;
  for (const g of groups) {
    if (!Number.isInteger(g.rating) || g.rating < 1 || g.rating > 5) continue;
    summary.distribution[g.rating as 1 | 2 | 3 | 4 | 5] += g.count;
    summary.count += g.count;
    sum += g.rating * g.count;
  }
  summary.average = averageOneDecimal(sum, summary.count);
  return summary;
}

/** Rating summaries of `courseIds` in one query; courses without reviews get {@link emptyRating}. */
export async function ratingSummaries(
  db: Pick<PrismaClient, "review">,
  courseIds: string[],
): Promise<Map<string, RatingSummary>> {
  const result = new Map<string, RatingSummary>();
  if (courseIds.length === 0) return result;
  const rows = await db.review.groupBy({
    by: ["courseId", "rating"],
    where: { courseId: { in: courseIds } },
    _count: { _all: true },
  });
  const groups = new Map<string, { rating: number; count: number }[]>();
  for (const r of rows) {
    const list = groups.get(r.courseId) ?? [];
    list.push({ rating: r.rating, count: r._count._all });
    groups.set(r.courseId, list);
  }
  for (const id of courseIds) result.set(id, summarize(groups.get(id) ?? []));
  return result;
}
