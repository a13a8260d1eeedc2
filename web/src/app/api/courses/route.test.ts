import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../../../test/db";
import { addReviews, createCourse, createProvider } from "@/features/catalog/testing/fixtures";
import { GET as getDetail } from "./[slug]/route";
import { GET as search } from "./route";

let t: TestDatabase;

beforeAll(async () => {
  t = await createTestDatabase();
  process.env.DATABASE_URL = t.url;
  const provider = await createProvider(t.db, "Carpentries", "We teach.");
  const id = await createCourse(t.db, provider, {
    slug: "git-novice",
    title: "Version Control with Git",
    prices: { EUR: 1999n, ESN: 25n * 10n ** 18n },
    lessons: ["Automated Version Control", "Setting Up Git"],
  });
  await addReviews(t.db, id, [5, 4]);
  await createCourse(t.db, provider, { slug: "hidden", title: "Hidden Git", status: "DRAFT" });
});
afterAll(async () => {
  await t.drop();
});

const get = (qs: string) => search(new Request(`http://localhost/api/courses${qs}`));
const detail = (slug: string) =>
  getDetail(new Request(`http://localhost/api/courses/${slug}`), { params: Promise.resolve({ slug }) });

describe("GET /api/courses", () => {
  it.each([
    ["?level=guru", "level"],
    ["?page=0", "page"],
    ["?page=abc", "page"],
    ["?sort=cheapest", "sort"],
    ["?currency=BTC", "currency"],
    ["?minPrice=12.5&currency=EUR", "minPrice"],
    ["?minPrice=100", "minPrice"],
    ["?currency=EUR&minPrice=500&maxPrice=100", "maxPrice"],
    ["?free=maybe", "free"],
    [`?q=${"x".repeat(201)}`, "q"],
  ])("answers 400 validation_failed for %s", async (qs, field) => {
    const res = await get(qs);
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { code: string; fields: Record<string, string> } };
    expect(body.error.code).toBe("validation_failed");
    expect(body.error.fields).toHaveProperty(field);
  });

  it("returns a page of published courses with amounts as integer-unit strings", async () => {
    const res = await get("?q=git&currency=ESN");
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toContain("public");
    const body = (await res.json()) as Record<string, unknown>;
    expect(body).toMatchObject({ page: 1, pageSize: 12, total: 1 });
    expect(body.items).toEqual([
      expect.objectContaining({
        slug: "git-novice",
        provider: { name: "Carpentries" },
        lessonCount: 2,
        prices: [
          { currency: "EUR", amount: "1999" },
          { currency: "ESN", amount: "25000000000000000000" },
        ],
        rating: { average: "4.5", count: 2, distribution: { 1: 0, 2: 0, 3: 0, 4: 1, 5: 1 } },
      }),
    ]);
  });
});

describe("GET /api/courses/<slug>", () => {
  it("returns the curriculum without lesson bodies", async () => {
    const res = await detail("git-novice");
    expect(res.status).toBe(200);
    const body = (await res.json()) as { sections: { lessons: Record<string, unknown>[] }[]; provider: unknown };
    expect(body.provider).toEqual({ name: "Carpentries", bio: "We teach." });
    const lessons = body.sections[0]?.lessons ?? [];
    expect(lessons.map((l) => l.title)).toEqual(["Automated Version Control", "Setting Up Git"]);
    expect(lessons[0]).toMatchObject({ isPreview: true });
    expect(JSON.stringify(body)).not.toContain("Body of");
  });

  it("answers 404 for unpublished or unknown courses and 400 for a malformed slug", async () => {
    expect((await detail("hidden")).status).toBe(404);
    expect((await detail("nope")).status).toBe(404);
    const bad = await detail("Robert'); DROP TABLE");
    expect(bad.status).toBe(400);
  });
});
