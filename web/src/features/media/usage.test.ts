/**
 * The asset ↔ course usage relation (issue 11 item 1), maintained by the studio's real save paths, and the read
 * rule built on it: own provider, enrolled learners of a course that uses the asset, public only for preview
 * lessons and the cover/description of a published course; foreign references refused on save.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../../test/db.ts";
import { ApiError } from "@/server/http.ts";
import { createCourse, updateCourse } from "../studio/courses.ts";
import { saveFlashcards, saveQuiz } from "../studio/content.ts";
import { createLesson, createSection, deleteLesson, updateLesson } from "../studio/curriculum.ts";
import { courseInputSchema, quizSchema } from "../studio/schemas.ts";
import { createUser } from "../studio/testing/fixtures.ts";
import { authorizeMedia } from "./access.ts";
import { mediaLinksIn } from "./usage.ts";

let t: TestDatabase;
let n = 0;

beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t.drop();
});

const meta = (extra: Record<string, unknown> = {}) =>
  courseInputSchema.parse({
    title: "Usage course",
    language: "en",
    level: "BEGINNER",
    category: "web",
    coverAlt: "A test cover",
    ...extra,
  });

async function asset(ownerId: string, mimeType = "image/png"): Promise<string> {
  n += 1;
  const a = await t.db.mediaAsset.create({
    data: { ownerId, driver: "FS", key: `usage/${n}`, mimeType, sizeBytes: 1n, sha256: "00".repeat(32) },
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

/** Access outcome for a viewer: "public", "private" or the error code. */
async function access(assetId: string, viewer: { id: string; roles: readonly string[] } | null) {
  try {
    return (await authorizeMedia(t.db, assetId, viewer)).public ? "public" : "private";
  } catch (e) {
    return (e as ApiError).code;
  }
}

describe("mediaLinksIn", () => {
  it("finds relative and absolute /api/media links once each", () => {
    expect(
      mediaLinksIn("![a](/api/media/abc) [b](https://x.org/api/media/abc?x=1) <img src='/api/media/d_e-f'>"),
    ).toEqual(["abc", "d_e-f"]);
    expect(mediaLinksIn("/api/media/ nothing /api/medias/x")).toEqual([]);
  });
});

describe("usage maintained on save", () => {
  it("records cover, description, lesson media, captions, lesson and quiz text; deleting a lesson drops its rows", async () => {
    const p = await createUser(t.db, "Provider");
    const cover = await asset(p.id);
    const figure = await asset(p.id);
    const { id: courseId } = await createCourse(
      t.db,
      p,
      meta({ coverId: cover, description: `![f](/api/media/${figure})` }),
    );
    const sectionId = await createSection(t.db, p, courseId, "S");
    const video = await createLesson(t.db, p, sectionId, { title: "V", kind: "VIDEO" });
    const mp4 = await asset(p.id, "video/mp4");
    const vtt = await asset(p.id, "text/vtt");
    await updateLesson(t.db, p, video, { mediaId: mp4, captionsId: vtt, body: `see ![x](/api/media/${figure})` });
    const quiz = await createLesson(t.db, p, sectionId, { title: "Q", kind: "QUIZ" });
    const diagram = await asset(p.id);
    await saveQuiz(
      t.db,
      p,
      quiz,
      quizSchema.parse({
        passMarkPercent: 50,
        questions: [
          {
            prompt: `Look: ![d](/api/media/${diagram})`,
            multiple: false,
            options: [
              { text: "a", correct: true },
              { text: "b", correct: false },
            ],
          },
        ],
      }),
    );
    const rows = await t.db.mediaUsage.findMany({
      where: { courseId },
      select: { assetId: true, kind: true, lessonId: true },
    });
    expect(rows).toEqual(
      expect.arrayContaining([
        { assetId: cover, kind: "COVER", lessonId: null },
        { assetId: figure, kind: "DESCRIPTION", lessonId: null },
        { assetId: mp4, kind: "LESSON_MEDIA", lessonId: video },
        { assetId: vtt, kind: "CAPTIONS", lessonId: video },
        { assetId: figure, kind: "LESSON_TEXT", lessonId: video },
        { assetId: diagram, kind: "LESSON_TEXT", lessonId: quiz },
      ]),
    );
    expect(rows).toHaveLength(6);
    await updateLesson(t.db, p, video, { mediaId: null, captionsId: null, body: "" });
    await deleteLesson(t.db, p, quiz);
    expect(await t.db.mediaUsage.count({ where: { courseId, lessonId: { not: null } } })).toBe(0);
  });

  it("refuses a reference to another provider's asset in every field — nothing is written", async () => {
    const p = await createUser(t.db, "Provider");
    const other = await createUser(t.db, "Other provider");
    const foreign = await asset(other.id);
    const foreignVideo = await asset(other.id, "video/mp4");
    const { id: courseId } = await createCourse(t.db, p, meta());
    const sectionId = await createSection(t.db, p, courseId, "S");
    const text = await createLesson(t.db, p, sectionId, { title: "T", kind: "TEXT" });
    const video = await createLesson(t.db, p, sectionId, { title: "V", kind: "VIDEO" });
    const deck = await createLesson(t.db, p, sectionId, { title: "F", kind: "FLASHCARDS" });

    const desc = await rejection(updateCourse(t.db, p, courseId, meta({ description: `![x](/api/media/${foreign})` })));
    expect(desc.code).toBe("unprocessable");
    expect(desc.fields?.description).toBe("foreign_media");
    expect((await t.db.course.findUniqueOrThrow({ where: { id: courseId } })).description).toBe("");

    const body = await rejection(
      updateLesson(t.db, p, text, { body: `![x](https://app.example/api/media/${foreign})` }),
    );
    expect(body.fields?.body).toBe("foreign_media");
    expect((await t.db.lesson.findUniqueOrThrow({ where: { id: text } })).body).toBe("");

    expect((await rejection(updateLesson(t.db, p, video, { mediaId: foreignVideo }))).fields).toEqual({
      mediaId: "unknown_media",
    });
    expect((await rejection(createCourse(t.db, p, meta({ coverId: foreign })))).code).toBe("unprocessable");
    const cards = await rejection(
      saveFlashcards(t.db, p, deck, { cards: [{ front: `![x](/api/media/${foreign})`, back: "b" }] }),
    );
    expect(cards.fields?.["cards.0"]).toBe("foreign_media");
    expect(await t.db.flashcard.count({ where: { lessonId: deck } })).toBe(0);
    expect(await t.db.mediaUsage.count({ where: { assetId: { in: [foreign, foreignVideo] } } })).toBe(0);

    const unknown = await rejection(updateLesson(t.db, p, text, { body: "![x](/api/media/cnosuchasset)" }));
    expect(unknown.fields?.body).toBe("unknown_media");
  });
});

describe("read rule on the relation", () => {
  it("own, admin, enrolled (active) 200; enrolled elsewhere, refunded, stranger 403; anonymous 401", async () => {
    const p = await createUser(t.db, "Provider");
    const admin = await createUser(t.db, "Admin", ["LEARNER", "PLATFORM_ADMIN"]);
    const learner = await createUser(t.db, "Learner", ["LEARNER"]);
    const elsewhere = await createUser(t.db, "Enrolled elsewhere", ["LEARNER"]);
    const refunded = await createUser(t.db, "Refunded", ["LEARNER"]);
    const { id: courseId } = await createCourse(t.db, p, meta());
    const { id: otherCourse } = await createCourse(t.db, p, meta());
    const sectionId = await createSection(t.db, p, courseId, "S");
    const lesson = await createLesson(t.db, p, sectionId, { title: "V", kind: "VIDEO" });
    const mp4 = await asset(p.id, "video/mp4");
    await updateLesson(t.db, p, lesson, { mediaId: mp4 });
    await t.db.course.updateMany({ where: { id: { in: [courseId, otherCourse] } }, data: { status: "PUBLISHED" } });
    await t.db.enrollment.createMany({
      data: [
        { userId: learner.id, courseId, source: "FREE" },
        { userId: elsewhere.id, courseId: otherCourse, source: "FREE" },
        { userId: refunded.id, courseId, source: "CRYPTO", status: "REVOKED" },
      ],
    });
    expect(await access(mp4, p)).toBe("private");
    expect(await access(mp4, admin)).toBe("private");
    expect(await access(mp4, learner)).toBe("private");
    expect(await access(mp4, elsewhere)).toBe("forbidden");
    expect(await access(mp4, refunded)).toBe("forbidden");
    expect(await access(mp4, await createUser(t.db, "Stranger", ["LEARNER", "PROVIDER"]))).toBe("forbidden");
    expect(await access(mp4, null)).toBe("unauthenticated");
  });

  it("public only for a preview lesson or cover/description of a PUBLISHED course; lesson text of a paid lesson is not", async () => {
    const p = await createUser(t.db, "Provider");
    const img = await asset(p.id);
    const { id: courseId } = await createCourse(t.db, p, meta());
    const sectionId = await createSection(t.db, p, courseId, "S");
    const text = await createLesson(t.db, p, sectionId, { title: "T", kind: "TEXT" });
    await updateLesson(t.db, p, text, { body: `![x](/api/media/${img})` });
    await t.db.course.update({ where: { id: courseId }, data: { status: "PUBLISHED" } });
    expect(await access(img, null)).toBe("unauthenticated");
    await updateLesson(t.db, p, text, { isPreview: true });
    expect(await access(img, null)).toBe("public");
    await updateLesson(t.db, p, text, { isPreview: false });
    await updateCourse(t.db, p, courseId, meta({ coverId: img }));
    expect(await access(img, null)).toBe("public");
    await t.db.course.update({ where: { id: courseId }, data: { status: "DRAFT" } });
    expect(await access(img, null)).toBe("unauthenticated");
  });

  it("a reference from another provider's course grants nothing, even when that course is public", async () => {
    const owner = await createUser(t.db, "Owner");
    const thief = await createUser(t.db, "Thief");
    const secret = await asset(owner.id, "video/mp4");
    const { id: thiefCourse } = await createCourse(t.db, thief, meta());
    // Written behind the studio's back (e.g. an old row): the usage points at another provider's course.
    await t.db.course.update({
      where: { id: thiefCourse },
      data: { status: "PUBLISHED", description: `/api/media/${secret}` },
    });
    await t.db.mediaUsage.create({ data: { assetId: secret, courseId: thiefCourse, kind: "DESCRIPTION" } });
    const buyer = await createUser(t.db, "Buyer", ["LEARNER"]);
    await t.db.enrollment.create({ data: { userId: buyer.id, courseId: thiefCourse, source: "FREE" } });
    expect(await access(secret, null)).toBe("unauthenticated");
    expect(await access(secret, buyer)).toBe("forbidden");
    expect(await access(secret, thief)).toBe("forbidden");
  });
});
