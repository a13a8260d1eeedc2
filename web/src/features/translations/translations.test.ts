/**
 * Lesson translations (issue 14 item 12): the studio's save rules, the player showing the learner's preferred
 * language (or the original with a note), enrolled learners' access to translated captions, and the catalog's
 * "available in" filter and facet.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../../test/db.ts";
import { ApiError } from "@/server/http.ts";
import { catalogFacets } from "@/features/catalog/facets.ts";
import { parseCatalogQuery } from "@/features/catalog/schemas.ts";
import { searchCourses } from "@/features/catalog/search.ts";
import { playerData } from "@/features/learning/player.ts";
import { authorizeMedia } from "@/features/media/access.ts";
import { createCourse } from "@/features/studio/courses.ts";
import { createLesson, createSection, updateLesson } from "@/features/studio/curriculum.ts";
import { courseInputSchema } from "@/features/studio/schemas.ts";
import { createUser } from "@/features/studio/testing/fixtures.ts";
import { localizePlayer, viewerContentLanguage } from "./content.ts";
import { preferredContentLanguage, translationInputSchema } from "./schemas.ts";
import { deleteTranslation, listTranslations, saveTranslation } from "./service.ts";

let t: TestDatabase;
let n = 0;

beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t.drop();
});

async function asset(ownerId: string, mimeType: string): Promise<string> {
  n += 1;
  const a = await t.db.mediaAsset.create({
    data: { ownerId, driver: "FS", key: `tr/${n}`, mimeType, sizeBytes: 1n, sha256: "00".repeat(32) },
    select: { id: true },
  });
  return a.id;
}

async function rejection(p: Promise<unknown>): Promise<ApiError> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(ApiError);
  return err as ApiError;
}

/** A published English course of a fresh provider: one video lesson and one text lesson. */
async function course(title = "Git basics") {
  const p = await createUser(t.db, "Provider");
  const { id: courseId, slug } = await createCourse(
    t.db,
    p,
    courseInputSchema.parse({ title, language: "en", level: "BEGINNER", category: "software" }),
  );
  const sectionId = await createSection(t.db, p, courseId, "Start");
  const video = await createLesson(t.db, p, sectionId, { title: "Intro video", kind: "VIDEO" });
  const text = await createLesson(t.db, p, sectionId, { title: "Commits", kind: "TEXT" });
  await updateLesson(t.db, p, text, { body: "A **commit** records a snapshot." });
  await t.db.course.update({ where: { id: courseId }, data: { status: "PUBLISHED", publishedAt: new Date() } });
  return { p, courseId, slug, video, text };
}

const input = (x: Record<string, unknown>) => translationInputSchema.parse(x);

describe("preferred content language", () => {
  it("uses the account setting, else the best supported Accept-Language entry, else none", () => {
    expect(preferredContentLanguage("fr", "de-DE,de;q=0.9")).toBe("fr");
    expect(preferredContentLanguage(null, "ja,es-MX;q=0.8,de;q=0.5")).toBe("es");
    expect(preferredContentLanguage(null, "ja")).toBeNull();
    expect(preferredContentLanguage("xx", undefined)).toBeNull();
  });
});

describe("studio: saving translations", () => {
  it("creates, replaces, lists and deletes a lesson's translation", async () => {
    const { p, text } = await course();
    expect(await saveTranslation(t.db, p, text, "fr", input({ title: "Commits (fr)", body: "Un **commit**" }))).toBe(
      true,
    );
    expect(await saveTranslation(t.db, p, text, "fr", input({ title: "Les commits", body: "Un **commit**." }))).toBe(
      false,
    );
    const listed = await listTranslations(t.db, p, text);
    expect(listed.courseLanguage).toBe("en");
    expect(listed.translations.map((x) => [x.language, x.title])).toEqual([["fr", "Les commits"]]);
    await deleteTranslation(t.db, p, text, "fr");
    expect((await listTranslations(t.db, p, text)).translations).toEqual([]);
    expect((await rejection(deleteTranslation(t.db, p, text, "fr"))).code).toBe("not_found");
  });

  it("refuses the course's own language, captions on non-video lessons, foreign or non-VTT captions and strangers", async () => {
    const { p, video, text } = await course();
    const own = await rejection(saveTranslation(t.db, p, text, "en", input({ title: "x" })));
    expect(own.code).toBe("unprocessable");
    expect(own.fields).toEqual({ language: "course_language" });
    const vtt = await asset(p.id, "text/vtt");
    expect(
      (await rejection(saveTranslation(t.db, p, text, "de", input({ title: "x", captionsId: vtt })))).fields,
    ).toEqual({ captionsId: "not_allowed" });
    const other = await createUser(t.db, "Other");
    const foreign = await asset(other.id, "text/vtt");
    expect(
      (await rejection(saveTranslation(t.db, p, video, "de", input({ title: "x", captionsId: foreign })))).fields,
    ).toHaveProperty("captionsId");
    const png = await asset(p.id, "image/png");
    expect(
      (await rejection(saveTranslation(t.db, p, video, "de", input({ title: "x", captionsId: png })))).fields,
    ).toHaveProperty("captionsId");
    expect((await rejection(saveTranslation(t.db, other, text, "de", input({ title: "x" })))).code).toBe("forbidden");
    const learner = await createUser(t.db, "Learner", ["LEARNER"]);
    expect((await rejection(listTranslations(t.db, learner, text))).code).toBe("forbidden");
    const foreignLink = await asset(other.id, "image/png");
    expect(
      (
        await rejection(
          saveTranslation(t.db, p, text, "de", input({ title: "x", body: `![](/api/media/${foreignLink})` })),
        )
      ).code,
    ).toBe("unprocessable");
    expect(await t.db.lessonTranslation.count({ where: { lessonId: text } })).toBe(0);
  });
});

describe("player in the preferred language", () => {
  it("shows the translation when one exists, else the original with the missing flag; media stay the original", async () => {
    const { p, slug, video, text } = await course();
    const original = await asset(p.id, "text/vtt");
    await updateLesson(t.db, p, video, { captionsId: original });
    const frCaptions = await asset(p.id, "text/vtt");
    await saveTranslation(t.db, p, video, "fr", input({ title: "Vidéo d’intro", captionsId: frCaptions }));
    await saveTranslation(t.db, p, text, "fr", input({ title: "Les commits", body: "Un **commit** enregistre." }));
    const learner = await createUser(t.db, "Learner", ["LEARNER"]);
    await t.db.enrollment.create({
      data: {
        userId: learner.id,
        courseId: (await t.db.course.findUniqueOrThrow({ where: { slug } })).id,
        source: "FREE",
      },
    });

    const textData = await playerData(t.db, learner, slug, text);
    const fr = await localizePlayer(t.db, textData, "fr");
    expect(fr.language).toEqual({ original: "en", preferred: "fr", shown: "fr", missing: false });
    expect(fr.data.lesson.title).toBe("Les commits");
    expect(fr.data.lesson.bodyHtml).toContain("<strong>commit</strong> enregistre");
    expect(fr.data.sections[0]!.lessons.map((l) => l.title)).toEqual(["Vidéo d’intro", "Les commits"]);
    expect(textData.lesson.title).toBe("Commits");

    const videoData = await localizePlayer(t.db, await playerData(t.db, learner, slug, video), "fr");
    expect(videoData.data.lesson.captionsUrl).toBe(`/api/media/${frCaptions}`);
    expect(videoData.data.lesson.bodyHtml).toBe((await playerData(t.db, learner, slug, video)).lesson.bodyHtml);

    const es = await localizePlayer(t.db, textData, "es");
    expect(es.language).toEqual({ original: "en", preferred: "es", shown: "en", missing: true });
    expect(es.data.lesson.title).toBe("Commits");
    const en = await localizePlayer(t.db, textData, "en");
    expect(en.language.missing).toBe(false);
    expect(en.data).toBe(textData);

    // the enrolled learner may fetch the translated captions; a stranger may not
    expect((await authorizeMedia(t.db, frCaptions, learner)).public).toBe(false);
    const stranger = await createUser(t.db, "Stranger", ["LEARNER"]);
    expect((await rejection(authorizeMedia(t.db, frCaptions, stranger))).code).toBe("forbidden");
  });

  it("reads the viewer's setting before the browser's languages", async () => {
    const learner = await createUser(t.db, "Learner", ["LEARNER"]);
    expect(await viewerContentLanguage(t.db, learner.id, "es")).toBe("es");
    await t.db.user.update({ where: { id: learner.id }, data: { contentLanguage: "tr" } });
    expect(await viewerContentLanguage(t.db, learner.id, "es")).toBe("tr");
    expect(await viewerContentLanguage(t.db, null, "de-AT")).toBe("de");
  });
});

describe("catalog: available languages", () => {
  it("filters by the original or a translated language and offers translated languages as a facet", async () => {
    const tag = `avail${Date.now()}`;
    const a = await course(`${tag} one`);
    const b = await course(`${tag} two`);
    await saveTranslation(t.db, b.p, b.text, "tr", input({ title: "Commitler" }));
    const search = async (language?: string) =>
      (await searchCourses(t.db, parseCatalogQuery({ q: tag, ...(language ? { language } : {}) }).query)).items
        .map((i) => i.slug)
        .sort();
    expect(await search()).toEqual([a.slug, b.slug].sort());
    expect(await search("en")).toEqual([a.slug, b.slug].sort());
    expect(await search("tr")).toEqual([b.slug]);
    expect(await search("es")).toEqual([]);
    expect((await catalogFacets(t.db)).languages).toEqual(expect.arrayContaining(["en", "tr"]));
  });
});
