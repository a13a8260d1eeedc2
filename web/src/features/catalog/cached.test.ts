/**
 * The catalog's cached reads follow the product rule of issue 14 item 13: a write that changes public pages
 * empties them at once. Here the write is a lesson translation adding an "available in" language, sent through the
 * real route handler (route() → invalidatePublicPages) with a provider session: the catalog's language facet and
 * the filtered search show it on the next read, without waiting for CATALOG_CACHE_TTL_MS.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../../test/db.ts";
import { apiRequest, sessionCookie, TEST_APP_URL, TEST_AUTH_SECRET } from "../../../test/authz/session.ts";
import { createCourse } from "@/features/studio/courses.ts";
import { createLesson, createSection } from "@/features/studio/curriculum.ts";
import { courseInputSchema } from "@/features/studio/schemas.ts";
import { createUser } from "@/features/studio/testing/fixtures.ts";
import { saveTranslation } from "@/features/translations/service.ts";
import { translationInputSchema } from "@/features/translations/schemas.ts";
import { cachedCatalogFacets, cachedSearchCourses } from "./cached.ts";
import { parseCatalogQuery } from "./schemas.ts";

let t: TestDatabase;

beforeAll(async () => {
  t = await createTestDatabase();
  // The route handler uses the process-wide env()/db(): point them at this file's database before first use.
  Object.assign(process.env, {
    DATABASE_URL: t.url,
    NEXTAUTH_SECRET: TEST_AUTH_SECRET,
    APP_URL: TEST_APP_URL,
    CHAIN_ID: "31337",
    RPC_URL: "http://127.0.0.1:9",
  });
});

afterAll(async () => {
  const { db } = await import("@/server/db.ts");
  await db().$disconnect();
  await t.drop();
});

describe("cached catalog reads", () => {
  it("show a language added by a lesson translation at once after the write, not after the TTL", async () => {
    const p = await createUser(t.db, "Provider");
    const { id: courseId, slug } = await createCourse(
      t.db,
      p,
      courseInputSchema.parse({ title: "Cached facets", language: "en", level: "BEGINNER", category: "software" }),
    );
    const sectionId = await createSection(t.db, p, courseId, "Start");
    const first = await createLesson(t.db, p, sectionId, { title: "One", kind: "TEXT" });
    const second = await createLesson(t.db, p, sectionId, { title: "Two", kind: "TEXT" });
    await t.db.course.update({ where: { id: courseId }, data: { status: "PUBLISHED", publishedAt: new Date() } });
    const inFrench = () => cachedSearchCourses(t.db, parseCatalogQuery({ language: "fr" }).query);

    expect((await cachedCatalogFacets(t.db)).languages).toEqual(["en"]);
    expect((await inFrench()).items).toEqual([]);
    // A write that bypasses the HTTP layer does not reach the cache: the reads are really cached.
    await saveTranslation(t.db, p, first, "es", translationInputSchema.parse({ title: "Uno" }));
    expect((await cachedCatalogFacets(t.db)).languages).toEqual(["en"]);

    const { PUT } = await import("@/app/api/studio/lessons/[id]/translations/[language]/route.ts");
    const res = await PUT(
      apiRequest("PUT", `/api/studio/lessons/${second}/translations/fr`, {
        cookie: await sessionCookie({ id: p.id, roles: ["LEARNER", "PROVIDER"] }),
        body: { title: "Deux", body: "Texte" },
        headers: { origin: TEST_APP_URL },
      }),
      { params: Promise.resolve({ id: second, language: "fr" }) },
    );
    expect(res.status).toBe(201);
    expect((await cachedCatalogFacets(t.db)).languages).toEqual(["en", "es", "fr"]);
    expect((await inFrench()).items.map((i) => i.slug)).toEqual([slug]);
  });
});
