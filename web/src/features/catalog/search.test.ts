import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../../test/db";
import { parseCatalogQuery, type CatalogQuery } from "./schemas";
import { searchCourses, type CatalogDb } from "./search";
import { addReviews, createCourse, createProvider } from "./testing/fixtures";

const ESN = 10n ** 18n;
let t: TestDatabase;

function q(raw: Record<string, string>): CatalogQuery {
  const { query, invalid } = parseCatalogQuery(raw);
  expect(invalid).toEqual({});
  return query;
}
async function slugs(raw: Record<string, string>, pageSize?: number): Promise<string[]> {
  return (await searchCourses(t.db, q(raw), pageSize)).items.map((i) => i.slug);
}

beforeAll(async () => {
  t = await createTestDatabase();
  const provider = await createProvider(t.db, "Carpentries", "Teaching foundational coding skills.");
  const day = (n: number) => new Date(Date.UTC(2026, 0, n));
  const git = await createCourse(t.db, provider, {
    slug: "git-novice",
    title: "Version Control with Git",
    subtitle: "Track changes, branch and collaborate",
    description: "Learn how to commit your work and share it with others.",
    category: "software",
    tags: ["git", "vcs"],
    prices: { EUR: 1999n, USD: 2199n, ESN: 25n * ESN, POL: 10n * ESN },
    publishedAt: day(3),
    lessons: ["Automated Version Control", "Setting Up Git"],
  });
  const data = await createCourse(t.db, provider, {
    slug: "data-analysis",
    title: "Data Analysis with Pandas",
    description: "Dataframes, plotting and the occasional git history of a notebook.",
    level: "INTERMEDIATE",
    category: "data",
    prices: { EUR: 4599n, USD: 4999n },
    publishedAt: day(5),
  });
  await createCourse(t.db, provider, {
    slug: "python-de",
    title: "Programmieren lernen mit Python",
    subtitle: "Für Einsteigerinnen und Einsteiger",
    description: "Wir schreiben Funktionen und Schleifen und lesen Dateien.",
    language: "de",
    category: "software",
    prices: { EUR: 900n, ESN: 12n * ESN },
    publishedAt: day(4),
  });
  await createCourse(t.db, provider, {
    slug: "solidity-by-example",
    title: "Solidity by Example",
    level: "ADVANCED",
    category: "blockchain",
    isFree: true,
    publishedAt: day(1),
  });
  await createCourse(t.db, provider, {
    slug: "git-draft",
    title: "Secret Git Draft",
    status: "DRAFT",
    prices: { EUR: 1n },
  });
  await createCourse(t.db, provider, { slug: "git-archived", title: "Archived Git Course", status: "ARCHIVED" });
  await addReviews(t.db, git, [5, 4, 4]);
  await addReviews(t.db, data, [5, 5]);
});
afterAll(async () => {
  await t.drop();
});

describe("full-text search", () => {
  it("stems English queries: 'committing' finds a course about how to commit", async () => {
    expect(await slugs({ q: "committing" })).toEqual(["git-novice"]);
  });

  it("stems German queries against German courses ('Funktion' finds 'Funktionen', 'Schleife' finds 'Schleifen')", async () => {
    expect(await slugs({ q: "Funktion" })).toEqual(["python-de"]);
    expect(await slugs({ q: "Schleife lesen" })).toEqual(["python-de"]);
  });

  it("ranks title matches above description matches", async () => {
    expect(await slugs({ q: "git" })).toEqual(["git-novice", "data-analysis"]);
  });

  it("matches a very short word as a prefix", async () => {
    expect(await slugs({ q: "gi" })).toContain("git-novice");
    expect(await slugs({ q: "Solid" })).toEqual(["solidity-by-example"]);
  });

  it("never returns unpublished courses", async () => {
    expect(await slugs({ q: "secret" })).toEqual([]);
    expect(await slugs({ q: "archived" })).toEqual([]);
    const all = await searchCourses(t.db, q({}), 50);
    expect(all.total).toBe(4);
    expect(all.items.map((i) => i.slug)).not.toContain("git-draft");
  });

  it("treats SQL-looking input as search words", async () => {
    for (const text of [
      `'; DROP TABLE "Course"; --`,
      `git' OR '1'='1`,
      `") OR 1=1 --`,
      `\\'; SELECT pg_sleep(5); --`,
      "%_%",
    ]) {
      const page = await searchCourses(t.db, q({ q: text }));
      expect(page.items.every((i) => i.slug !== "git-draft")).toBe(true);
    }
    expect(await slugs({ category: `software' OR '1'='1` })).toEqual([]);
    expect(await t.db.course.count()).toBe(6);
  });
});

describe("filters", () => {
  it("combines language, level, category and currency", async () => {
    expect(await slugs({ language: "en", level: "beginner", category: "software", currency: "EUR" })).toEqual([
      "git-novice",
    ]);
    expect(await slugs({ language: "de", category: "software" })).toEqual(["python-de"]);
    expect(await slugs({ currency: "ESN" })).toEqual(["python-de", "git-novice"]);
    expect(await slugs({ free: "true" })).toEqual(["solidity-by-example"]);
    expect(await slugs({ free: "false", level: "intermediate" })).toEqual(["data-analysis"]);
  });

  it("filters a price range in ESN wei", async () => {
    const w = (n: bigint) => (n * ESN).toString();
    expect(await slugs({ currency: "ESN", minPrice: w(20n), maxPrice: w(30n) })).toEqual(["git-novice"]);
    expect(await slugs({ currency: "ESN", maxPrice: (25n * ESN - 1n).toString() })).toEqual(["python-de"]);
  });

  it("filters a price range in EUR cents", async () => {
    expect(await slugs({ currency: "EUR", minPrice: "2000" })).toEqual(["data-analysis"]);
    expect(await slugs({ currency: "EUR", minPrice: "900", maxPrice: "1999" })).toEqual(["python-de", "git-novice"]);
    expect(await slugs({ q: "git", currency: "EUR", maxPrice: "1999" })).toEqual(["git-novice"]);
  });
});

describe("sorting and pagination", () => {
  it("sorts by newest, price and rating", async () => {
    expect(await slugs({})).toEqual(["data-analysis", "python-de", "git-novice", "solidity-by-example"]);
    expect(await slugs({ sort: "price_asc", currency: "EUR" })).toEqual(["python-de", "git-novice", "data-analysis"]);
    expect(await slugs({ sort: "price_desc" })).toEqual([
      "data-analysis",
      "git-novice",
      "python-de",
      "solidity-by-example",
    ]);
    expect(await slugs({ sort: "price_asc" })).toEqual([
      "solidity-by-example",
      "python-de",
      "git-novice",
      "data-analysis",
    ]);
    expect(await slugs({ sort: "rating" })).toEqual([
      "data-analysis",
      "git-novice",
      "python-de",
      "solidity-by-example",
    ]);
  });

  it("pages with a total count of every match", async () => {
    const p1 = await searchCourses(t.db, q({}), 3);
    expect(p1).toMatchObject({ page: 1, pageSize: 3, total: 4 });
    expect(p1.items).toHaveLength(3);
    const p2 = await searchCourses(t.db, q({ page: "2" }), 3);
    expect(p2.items.map((i) => i.slug)).toEqual(["solidity-by-example"]);
    expect(p2.total).toBe(4);
    const p9 = await searchCourses(t.db, q({ page: "9" }), 3);
    expect(p9).toMatchObject({ items: [], page: 9, total: 4 });
  });

  it("returns cards with prices in integer units and rating summaries", async () => {
    const [git] = (await searchCourses(t.db, q({ q: "version control" }))).items;
    expect(git?.prices).toContainEqual({ currency: "ESN", amount: 25n * ESN });
    expect(git?.lessonCount).toBe(2);
    expect(git?.providerName).toBe("Carpentries");
    expect(git?.rating).toEqual({ average: "4.3", count: 3, distribution: { 1: 0, 2: 0, 3: 0, 4: 2, 5: 1 } });
  });

  it("uses the same number of database operations for a page of 1 and a page of 12 (no N+1)", async () => {
    let ops = 0;
    const counted = t.db.$extends({
      query: {
        async $allOperations({ args, query }) {
          ops += 1;
          return query(args);
        },
      },
    }) as unknown as CatalogDb;
    await searchCourses(counted, q({}), 1);
    const forOne = ops;
    ops = 0;
    const page = await searchCourses(counted, q({}), 12);
    expect(page.items).toHaveLength(4);
    expect(ops).toBe(forOne);
    expect(ops).toBeLessThanOrEqual(3);
  });
});
