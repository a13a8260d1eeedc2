/** Read-side queries of the public catalog (published courses only), with explicit selects. */
import type { PrismaClient } from "@smolitux/db";
import { toUnits, type Currency } from "@/lib/money";
import { ratingSummaries, type RatingSummary } from "./ratings";
import { lessonVideoSeconds, totalSeconds } from "./durations";

/** A course's cover as pages draw it (`/api/media/<id>`), with its alt text and blurred placeholder. */
export interface CourseCover {
  id: string;
  mimeType: string;
  alt: string;
  /** `data:image/webp;base64,…` (32×18 px), null for covers not derived yet */
  blurDataUrl: string | null;
}

export interface CourseCard {
  id: string;
  slug: string;
  title: string;
  subtitle: string;
  language: string;
  level: string;
  category: string;
  isFree: boolean;
  providerName: string;
  /** the provider's picture/logo URL (`User.image`), null without one */
  providerImage: string | null;
  lessonCount: number;
  prices: { currency: Currency; amount: bigint }[];
  cover: CourseCover | null;
}

/** Prisma select of a {@link CourseCard}. */
export const cardSelect = {
  id: true,
  slug: true,
  title: true,
  subtitle: true,
  language: true,
  level: true,
  category: true,
  isFree: true,
  provider: { select: { name: true, image: true } },
  prices: { select: { currency: true, amount: true }, orderBy: { currency: "asc" as const } },
  sections: { select: { _count: { select: { lessons: true } } } },
  coverAlt: true,
  coverBlurDataUrl: true,
  cover: { select: { id: true, mimeType: true } },
} as const;

/** A row selected with {@link cardSelect}. */
export type CardRow = {
  id: string;
  slug: string;
  title: string;
  subtitle: string;
  language: string;
  level: string;
  category: string;
  isFree: boolean;
  provider: { name: string | null; image: string | null };
  prices: { currency: Currency; amount: { toFixed(dp: number): string } }[];
  sections: { _count: { lessons: number } }[];
  coverAlt: string;
  coverBlurDataUrl: string | null;
  cover: { id: string; mimeType: string } | null;
};

/** The cover fields of a course row (as in {@link cardSelect}) as a {@link CourseCover}; null without a cover. */
export function toCover(row: Pick<CardRow, "cover" | "coverAlt" | "coverBlurDataUrl">): CourseCover | null {
  return row.cover
    ? { id: row.cover.id, mimeType: row.cover.mimeType, alt: row.coverAlt, blurDataUrl: row.coverBlurDataUrl }
    : null;
}

/** Maps a {@link cardSelect} row to a card (amounts as bigint units). */
export function toCard(row: CardRow): CourseCard {
  return {
    id: row.id,
    slug: row.slug,
    title: row.title,
    subtitle: row.subtitle,
    language: row.language,
    level: row.level,
    category: row.category,
    isFree: row.isFree,
    providerName: row.provider.name ?? "Unknown provider",
    providerImage: row.provider.image,
    lessonCount: row.sections.reduce((n, s) => n + s._count.lessons, 0),
    prices: row.prices.map((p) => ({ currency: p.currency, amount: toUnits(p.amount) })),
    cover: toCover(row),
  };
}

/** Featured and newest published courses for the home page. */
export async function homeCourses(
  db: PrismaClient,
  limit = 8,
): Promise<{ featured: CourseCard[]; newest: CourseCard[] }> {
  const [featured, newest] = await Promise.all([
    db.course.findMany({
      where: { status: "PUBLISHED", featured: true },
      select: cardSelect,
      orderBy: { publishedAt: "desc" },
      take: limit,
    }),
    db.course.findMany({
      where: { status: "PUBLISHED" },
      select: cardSelect,
      orderBy: { publishedAt: "desc" },
      take: limit,
    }),
  ]);
  return { featured: featured.map(toCard), newest: newest.map(toCard) };
}

/** The course's provider as the instructor card shows it. */
export interface CourseInstructor {
  id: string;
  name: string;
  bio: string | null;
  /** avatar/logo URL (User.image: an own upload `/api/media/<id>` or an OAuth picture), null without one */
  image: string | null;
  /** number of published courses of the provider (this one included) */
  courseCount: number;
}

export interface CourseDetail extends CourseCard {
  description: string;
  /** "What you'll learn" sentences (may be empty) */
  learningOutcomes: string[];
  /** prerequisites (may be empty) */
  requirements: string[];
  /**
   * sum of the video lessons' durations in seconds ({@link lessonVideoSeconds}: the media file's metadata, else the
   * lesson's field)
   */
  videoSeconds: number;
  /** last change of the course's details (`Course.updatedAt`): ISO 8601 UTC */
  updatedAt: string;
  instructor: CourseInstructor;
  /** up to 3 other published courses of the same provider, newest first */
  otherCourses: CourseCard[];
  tags: string[];
  license: string | null;
  source: string | null;
  providerBio: string | null;
  /** refund window of crypto purchases in days (0..30); the wallet checkout passes it as the minimum */
  refundWindowDays: number;
  rating: RatingSummary;
  sections: {
    id: string;
    title: string;
    /** `durationSeconds`: a video's playing time in seconds (durations.ts); null when unknown and for other kinds */
    lessons: { id: string; title: string; kind: string; isPreview: boolean; durationSeconds: number | null }[];
  }[];
}

/**
 * A published course with its curriculum (lesson titles, kinds, preview flags and durations in seconds;
 * never lesson bodies) and rating summary, or null when there is no published course with this slug.
 */
export async function courseBySlug(db: PrismaClient, slug: string): Promise<CourseDetail | null> {
  const row = await db.course.findFirst({
    where: { slug, status: "PUBLISHED" },
    select: {
      ...cardSelect,
      description: true,
      tags: true,
      license: true,
      source: true,
      refundWindowDays: true,
      learningOutcomes: true,
      requirements: true,
      updatedAt: true,
      providerId: true,
      provider: { select: { name: true, bio: true, image: true } },
      sections: {
        orderBy: { position: "asc" },
        select: {
          id: true,
          title: true,
          _count: { select: { lessons: true } },
          lessons: {
            orderBy: { position: "asc" },
            select: {
              id: true,
              title: true,
              kind: true,
              isPreview: true,
              durationSeconds: true,
              media: { select: { durationSeconds: true } },
            },
          },
        },
      },
    },
  });
  if (!row) return null;
  const rating = (await ratingSummaries(db, [row.id])).get(row.id);
  if (!rating) throw new Error(`no rating summary for ${row.id}`);
  const [others, courseCount] = await Promise.all([
    db.course.findMany({
      where: { providerId: row.providerId, status: "PUBLISHED", id: { not: row.id } },
      select: cardSelect,
      orderBy: { publishedAt: "desc" },
      take: 3,
    }),
    db.course.count({ where: { providerId: row.providerId, status: "PUBLISHED" } }),
  ]);
  const lessons = row.sections.flatMap((s) => s.lessons);
  return {
    ...toCard(row),
    description: row.description,
    tags: row.tags,
    license: row.license,
    source: row.source,
    providerBio: row.provider.bio,
    refundWindowDays: row.refundWindowDays,
    rating,
    learningOutcomes: row.learningOutcomes,
    requirements: row.requirements,
    videoSeconds: totalSeconds(lessons.map((l) => ({ durationSeconds: lessonVideoSeconds(l) }))),
    updatedAt: row.updatedAt.toISOString(),
    instructor: {
      id: row.providerId,
      name: row.provider.name ?? "Unknown provider",
      bio: row.provider.bio,
      image: row.provider.image,
      courseCount,
    },
    otherCourses: others.map(toCard),
    sections: row.sections.map((s) => ({
      id: s.id,
      title: s.title,
      lessons: s.lessons.map((l) => ({
        id: l.id,
        title: l.title,
        kind: l.kind,
        isPreview: l.isPreview,
        durationSeconds: lessonVideoSeconds(l),
      })),
    })),
  };
}
