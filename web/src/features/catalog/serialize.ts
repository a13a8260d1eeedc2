/**
 * JSON shapes of the public catalog API. Amounts are decimal strings of integer units (cents for EUR/USD,
 * wei for POL/ESN) next to their currency — never floats; dates are ISO-8601 UTC.
 */
import type { Currency } from "@/lib/money";
import type { CourseDetail } from "./queries";
import type { RatingSummary } from "./ratings";
import type { CatalogPage, CourseListItem } from "./search";

/** Cache-Control of anonymous catalog responses (identical for every caller): shared caches keep them briefly. */
export const CATALOG_CACHE_CONTROL = "public, max-age=0, s-maxage=30, stale-while-revalidate=300";

export interface PriceJson {
  currency: Currency;
  /** integer units as a decimal string, e.g. "1999" (EUR cents), "25000000000000000000" (ESN wei) */
  amount: string;
}

export interface CourseListItemJson {
  id: string;
  slug: string;
  title: string;
  subtitle: string;
  language: string;
  level: string;
  category: string;
  isFree: boolean;
  provider: { name: string };
  lessonCount: number;
  prices: PriceJson[];
  rating: RatingSummary;
  publishedAt: string | null;
}

export interface CatalogPageJson {
  items: CourseListItemJson[];
  page: number;
  pageSize: number;
  total: number;
}

export interface CourseDetailJson extends Omit<CourseListItemJson, "publishedAt" | "provider"> {
  description: string;
  tags: string[];
  learningOutcomes: string[];
  requirements: string[];
  /** sum of the video lessons' durations, seconds */
  videoSeconds: number;
  /** ISO-8601 UTC */
  updatedAt: string;
  license: string | null;
  source: string | null;
  provider: { name: string; bio: string | null };
  sections: {
    id: string;
    title: string;
    /** `durationSeconds`: a video's playing time (catalog/durations.ts); null when unknown and for other kinds */
    lessons: { id: string; title: string; kind: string; isPreview: boolean; durationSeconds: number | null }[];
  }[];
}

function prices(list: { currency: Currency; amount: bigint }[]): PriceJson[] {
  return list.map((p) => ({ currency: p.currency, amount: p.amount.toString() }));
}

/** JSON of one result. */
export function listItemJson(c: CourseListItem): CourseListItemJson {
  return {
    id: c.id,
    slug: c.slug,
    title: c.title,
    subtitle: c.subtitle,
    language: c.language,
    level: c.level,
    category: c.category,
    isFree: c.isFree,
    provider: { name: c.providerName },
    lessonCount: c.lessonCount,
    prices: prices(c.prices),
    rating: c.rating,
    publishedAt: c.publishedAt ? c.publishedAt.toISOString() : null,
  };
}

/** JSON of a result page. */
export function catalogPageJson(p: CatalogPage): CatalogPageJson {
  return { items: p.items.map(listItemJson), page: p.page, pageSize: p.pageSize, total: p.total };
}

/** JSON of a course with its curriculum (no lesson bodies). */
export function courseDetailJson(c: CourseDetail): CourseDetailJson {
  return {
    id: c.id,
    slug: c.slug,
    title: c.title,
    subtitle: c.subtitle,
    language: c.language,
    level: c.level,
    category: c.category,
    isFree: c.isFree,
    provider: { name: c.providerName, bio: c.providerBio },
    lessonCount: c.lessonCount,
    prices: prices(c.prices),
    rating: c.rating,
    description: c.description,
    tags: c.tags,
    learningOutcomes: c.learningOutcomes,
    requirements: c.requirements,
    videoSeconds: c.videoSeconds,
    updatedAt: c.updatedAt,
    license: c.license,
    source: c.source,
    sections: c.sections,
  };
}
