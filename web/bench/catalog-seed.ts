/**
 * Synthetic catalog for the catalog benchmark: `count` varied courses (English and German, every level,
 * ten categories, free and paid in several currencies) with sections, lessons, prices and reviews.
 * Deterministic (seeded PRNG); bulk inserts with createMany so the search trigger runs as in production.
 */
import { randomUUID } from "node:crypto";
import type { Prisma, PrismaClient } from "@smolitux/db";

const EN_TOPICS: [string, string][] = [
  ["Git", "software"],
  ["Python", "programming"],
  ["JavaScript", "programming"],
  ["Rust", "programming"],
  ["Solidity", "blockchain"],
  ["Docker", "devops"],
  ["Kubernetes", "devops"],
  ["SQL", "data"],
  ["Statistics", "data"],
  ["Machine Learning", "data"],
  ["Photography", "creative"],
  ["Linux", "software"],
  ["TypeScript", "programming"],
  ["Smart Contracts", "blockchain"],
  ["Accessibility", "design"],
  ["Typography", "design"],
  ["Bookkeeping", "business"],
  ["Public Speaking", "business"],
  ["Chemistry", "science"],
  ["Astronomy", "science"],
];
const DE_TOPICS: [string, string][] = [
  ["Programmierung mit Python", "programming"],
  ["Versionskontrolle mit Git", "software"],
  ["Datenbanken und SQL", "data"],
  ["Fotografie", "creative"],
  ["Buchhaltung", "business"],
  ["Statistik", "data"],
  ["Webentwicklung", "programming"],
  ["Chemie", "science"],
];
const EN_PATTERNS = ["Introduction to", "Mastering", "Practical", "Hands-on", "The Complete Guide to", "Advanced"];
const DE_PATTERNS = ["Einführung in die", "Praxiskurs", "Grundlagen der", "Kompaktkurs"];
const EN_WORDS =
  "learn build understand committing branches testing projects examples exercises functions variables loops debugging deploying measuring writing reading teams workflows errors performance security data models".split(
    " ",
  );
const DE_WORDS =
  "lernen verstehen Funktionen Schleifen Beispiele Übungen Projekte Daten Fehler Werkzeuge Abläufe Sicherheit Teams schreiben lesen Modelle".split(
    " ",
  );
const LEVELS = ["BEGINNER", "INTERMEDIATE", "ADVANCED"] as const;

/** Mulberry32: a small deterministic PRNG. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

async function chunked<T>(rows: T[], insert: (chunk: T[]) => Promise<unknown>, size = 2000): Promise<void> {
  for (let i = 0; i < rows.length; i += size) await insert(rows.slice(i, i + size));
}

/** Inserts the synthetic catalog; returns the number of published courses. */
export async function seedBenchCatalog(
  db: PrismaClient,
  count = 1000,
): Promise<{ published: number; reviews: number }> {
  const rand = prng(42);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)] as T;
  const sentence = (words: string[], n: number) => Array.from({ length: n }, () => pick(words)).join(" ");

  const providers = Array.from({ length: 40 }, (_, i) => ({
    id: randomUUID(),
    name: `Provider ${i + 1}`,
    email: `provider${i + 1}@bench.test`,
    bio: `Independent teacher number ${i + 1}.`,
    roles: ["PROVIDER" as const],
  }));
  const learners = Array.from({ length: 300 }, (_, i) => ({ id: randomUUID(), email: `learner${i + 1}@bench.test` }));
  await db.user.createMany({ data: [...providers, ...learners] });

  const courses: Prisma.CourseCreateManyInput[] = [];
  const sections: Prisma.SectionCreateManyInput[] = [];
  const lessons: Prisma.LessonCreateManyInput[] = [];
  const prices: Prisma.CoursePriceCreateManyInput[] = [];
  const reviews: Prisma.ReviewCreateManyInput[] = [];
  let published = 0;
  for (let i = 0; i < count; i++) {
    const german = i % 5 === 0;
    const [topic, category] = pick(german ? DE_TOPICS : EN_TOPICS);
    const words = german ? DE_WORDS : EN_WORDS;
    const id = randomUUID();
    const status = i % 20 === 19 ? "DRAFT" : "PUBLISHED";
    const isFree = i % 7 === 0;
    if (status === "PUBLISHED") published++;
    courses.push({
      id,
      slug: `bench-${i}`,
      title: `${pick(german ? DE_PATTERNS : EN_PATTERNS)} ${topic} ${i}`,
      subtitle: sentence(words, 6),
      description: sentence(words, 120),
      language: german ? "de" : "en",
      level: pick(LEVELS),
      category,
      tags: [topic.toLowerCase(), pick(words)],
      status,
      isFree,
      providerId: pick(providers).id,
      publishedAt: status === "PUBLISHED" ? new Date(Date.UTC(2025, 0, 1) + i * 3_600_000 * 17) : null,
    });
    for (let s = 0; s < 3; s++) {
      const sectionId = randomUUID();
      sections.push({ id: sectionId, courseId: id, title: `Part ${s + 1}: ${sentence(words, 3)}`, position: s + 1 });
      for (let l = 0; l < 4; l++) {
        lessons.push({
          id: randomUUID(),
          sectionId,
          title: sentence(words, 4),
          kind: l === 3 ? "QUIZ" : "TEXT",
          position: l + 1,
          body: sentence(words, 200),
          isPreview: s === 0 && l === 0,
          durationSeconds: 300 + Math.floor(rand() * 900),
        });
      }
    }
    if (!isFree) {
      const cents = 999 + Math.floor(rand() * 90) * 100;
      prices.push({ courseId: id, currency: "EUR", amount: String(cents) });
      if (rand() < 0.7) prices.push({ courseId: id, currency: "USD", amount: String(cents + 200) });
      if (rand() < 0.5)
        prices.push({ courseId: id, currency: "ESN", amount: `${5 + Math.floor(rand() * 60)}000000000000000000` });
      if (rand() < 0.3)
        prices.push({ courseId: id, currency: "POL", amount: `${1 + Math.floor(rand() * 30)}000000000000000000` });
    }
    const reviewers = Math.floor(rand() * 16);
    const start = Math.floor(rand() * learners.length);
    for (let r = 0; r < reviewers; r++) {
      const learner = learners[(start + r) % learners.length];
      if (learner) reviews.push({ courseId: id, userId: learner.id, rating: 1 + Math.floor(rand() ** 0.5 * 5) });
    }
  }
  await chunked(courses, (data) => db.course.createMany({ data }), 500);
  await chunked(sections, (data) => db.section.createMany({ data }));
  await chunked(lessons, (data) => db.lesson.createMany({ data }));
  await chunked(prices, (data) => db.coursePrice.createMany({ data }));
  await chunked(reviews, (data) => db.review.createMany({ data }));
  await db.$executeRaw`ANALYZE`;
  return { published, reviews: reviews.length };
}
