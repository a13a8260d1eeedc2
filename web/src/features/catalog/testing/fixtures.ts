/** Test data builders for catalog tests (real rows through Prisma; no mocks). */
import { randomBytes } from "node:crypto";
import type { PrismaClient } from "@smolitux/db";
import type { Currency } from "@/lib/money";
import type { Level } from "../schemas";

/** Creates a provider account and returns its id. */
export async function createProvider(
  db: PrismaClient,
  name = "Test Provider",
  bio: string | null = null,
): Promise<string> {
  const user = await db.user.create({
    data: { name, bio, email: `${randomBytes(5).toString("hex")}@example.test`, roles: ["PROVIDER"] },
    select: { id: true },
  });
  return user.id;
}

export interface CourseFixture {
  slug: string;
  title: string;
  subtitle?: string;
  description?: string;
  language?: string;
  level?: Level;
  category?: string;
  tags?: string[];
  status?: "DRAFT" | "PUBLISHED" | "ARCHIVED";
  isFree?: boolean;
  publishedAt?: Date;
  /** integer units per currency (cents / wei) */
  prices?: Partial<Record<Currency, bigint>>;
  /** lesson titles of one section; the first is a free preview */
  lessons?: string[];
}

/** Creates a course (published by default) with one section, prices and lessons; returns its id. */
export async function createCourse(db: PrismaClient, providerId: string, c: CourseFixture): Promise<string> {
  const lessons = c.lessons ?? ["Introduction"];
  const course = await db.course.create({
    data: {
      slug: c.slug,
      title: c.title,
      subtitle: c.subtitle ?? "",
      description: c.description ?? "",
      language: c.language ?? "en",
      level: c.level ?? "BEGINNER",
      category: c.category ?? "general",
      tags: c.tags ?? [],
      status: c.status ?? "PUBLISHED",
      isFree: c.isFree ?? false,
      publishedAt: (c.status ?? "PUBLISHED") === "PUBLISHED" ? (c.publishedAt ?? new Date()) : null,
      providerId,
      prices: {
        create: Object.entries(c.prices ?? {}).map(([currency, amount]) => ({
          currency: currency as Currency,
          amount: amount.toString(),
        })),
      },
      sections: {
        create: [
          {
            title: "Section 1",
            position: 1,
            lessons: {
              create: lessons.map((title, i) => ({
                title,
                kind: "TEXT" as const,
                position: i + 1,
                body: `Body of ${title}`,
                isPreview: i === 0,
              })),
            },
          },
        ],
      },
    },
    select: { id: true },
  });
  return course.id;
}

/** Adds one review per rating (each by a new learner). */
export async function addReviews(db: PrismaClient, courseId: string, ratings: number[]): Promise<void> {
  for (const rating of ratings) {
    const user = await db.user.create({
      data: { email: `${randomBytes(5).toString("hex")}@example.test` },
      select: { id: true },
    });
    await db.review.create({ data: { courseId, userId: user.id, rating } });
  }
}
