/** Integration: player access rules, lesson payload, "mark as done", video heartbeats → completion at 90 %. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../../test/db.ts";
import { learningDeps, type LearningDeps } from "./deps.ts";
import { playerData, resumeLessonId } from "./player.ts";
import { completeLesson, openLesson, recordVideoProgress } from "./progress.ts";
import { createCourse, createLearner, createUser, testClock, type CourseFixture } from "./testing/fixtures.ts";

let t: TestDatabase;
let c: CourseFixture;

beforeAll(async () => {
  t = await createTestDatabase();
  c = await createCourse(t.db);
});
afterAll(async () => t.drop());

const code = (p: Promise<unknown>) =>
  p.then(
    () => "ok",
    (e: { code?: string }) => e.code ?? String(e),
  );

describe("player access", () => {
  it("anonymous: preview lesson only (401 otherwise)", async () => {
    const preview = await playerData(t.db, null, c.slug, c.preview);
    expect(preview.access).toBe("preview");
    expect(preview.canTrack).toBe(false);
    expect(await code(playerData(t.db, null, c.slug, c.text))).toBe("unauthenticated");
  });

  it("signed in but not enrolled: preview only (403 otherwise), and cannot record progress", async () => {
    const outsider = await createUser(t.db, "Outsider");
    expect((await playerData(t.db, outsider, c.slug, c.preview)).access).toBe("preview");
    expect(await code(playerData(t.db, outsider, c.slug, c.video))).toBe("forbidden");
    expect(await code(completeLesson(learningDeps(t.db), outsider, c.preview))).toBe("forbidden");
  });

  it("enrolled (ACTIVE), the provider and admins get full access; a REVOKED enrollment does not", async () => {
    const learner = await createLearner(t.db, c.courseId);
    expect((await playerData(t.db, learner, c.slug, c.quiz)).access).toBe("full");
    expect((await playerData(t.db, { id: c.providerId, roles: ["PROVIDER"] }, c.slug, c.quiz)).access).toBe("full");
    const admin = await createUser(t.db, "Admin", ["LEARNER", "PLATFORM_ADMIN"]);
    expect((await playerData(t.db, admin, c.slug, c.quiz)).access).toBe("full");
    await t.db.enrollment.update({
      where: { userId_courseId: { userId: learner.id, courseId: c.courseId } },
      data: { status: "REVOKED", revokedAt: new Date() },
    });
    expect(await code(playerData(t.db, learner, c.slug, c.quiz))).toBe("forbidden");
  });

  it("a lesson under another course's slug is not found", async () => {
    const other = await createCourse(t.db);
    const learner = await createLearner(t.db, c.courseId);
    expect(await code(playerData(t.db, learner, other.slug, c.text))).toBe("not_found");
  });

  it("never sends the answer key or explanations in the lesson payload", async () => {
    const learner = await createLearner(t.db, c.courseId);
    const data = await playerData(t.db, learner, c.slug, c.quiz);
    expect(data.lesson.questions.map((q) => q.options.length)).toEqual([2, 3]);
    const json = JSON.stringify(data);
    expect(json).not.toMatch(/"correct"/);
    expect(json).not.toContain("B is right because");
    expect(data.lesson.questions[0]).toEqual({
      id: c.q1,
      promptHtml: "<p>Pick B</p>",
      multiple: false,
      options: [
        { id: c.q1a, textHtml: "<p>Option 0</p>" },
        { id: c.q1b, textHtml: "<p>Option 1</p>" },
      ],
    });
  });
});

describe("progress", () => {
  it("mark as done (opened lessons only) ticks the lesson in the curriculum; refuses quizzes and videos", async () => {
    const learner = await createLearner(t.db, c.courseId);
    const deps = learningDeps(t.db);
    expect(await code(completeLesson(deps, learner, c.text))).toBe("unprocessable");
    await openLesson(deps, learner.id, c.text);
    expect(await completeLesson(deps, learner, c.text)).toEqual({ lessonCompleted: true, courseCompleted: false });
    const data = await playerData(t.db, learner, c.slug, c.text);
    const ticks = Object.fromEntries(data.sections.flatMap((s) => s.lessons).map((l) => [l.id, l.completed]));
    expect(ticks[c.text]).toBe(true);
    expect(ticks[c.video]).toBe(false);
    expect(data.previousId).toBe(c.video);
    expect(data.nextId).toBe(c.quiz);
    expect(await code(completeLesson(deps, learner, c.quiz))).toBe("unprocessable");
    await openLesson(deps, learner.id, c.video);
    expect(await code(completeLesson(deps, learner, c.video))).toBe("unprocessable");
  });

  it("a video lesson carries the course cover (the video's poster); other lessons do not", async () => {
    const learner = await createLearner(t.db, c.courseId);
    const course = await t.db.course.findUniqueOrThrow({ where: { id: c.courseId }, select: { providerId: true } });
    expect((await playerData(t.db, learner, undefined, c.video)).course.cover).toBeNull();
    const cover = await t.db.mediaAsset.create({
      data: {
        ownerId: course.providerId,
        driver: "FS",
        key: "covers/poster.webp",
        mimeType: "image/webp",
        sizeBytes: 1234n,
        sha256: "0".repeat(64),
      },
    });
    await t.db.course.update({
      where: { id: c.courseId },
      data: { coverId: cover.id, coverAlt: "A tidy desk", coverBlurDataUrl: "data:image/webp;base64,AAAA" },
    });
    try {
      expect((await playerData(t.db, learner, undefined, c.video)).course.cover).toEqual({
        id: cover.id,
        mimeType: "image/webp",
        alt: "A tidy desk",
        blurDataUrl: "data:image/webp;base64,AAAA",
      });
      expect((await playerData(t.db, learner, undefined, c.text)).course.cover).toBeNull();
    } finally {
      await t.db.course.update({
        where: { id: c.courseId },
        data: { coverId: null, coverAlt: "", coverBlurDataUrl: null },
      });
    }
  });

  it("video: plausible reports advance the position; the lesson completes at >= 90 % of the duration", async () => {
    const learner = await createLearner(t.db, c.courseId);
    const clock = testClock();
    const deps: LearningDeps = learningDeps(t.db, { now: clock.now });
    await openLesson(deps, learner.id, c.video);
    let furthest = 0;
    for (let i = 0; i < 8; i += 1) {
      clock.advance(10);
      furthest += 10;
      const r = await recordVideoProgress(deps, learner, c.video, { positionSeconds: furthest });
      expect(r).toMatchObject({ positionSeconds: furthest, lessonCompleted: false });
    }
    clock.advance(4);
    // 89 s of 100 s: not yet
    expect((await recordVideoProgress(deps, learner, c.video, { positionSeconds: 89.4 })).lessonCompleted).toBe(false);
    // seeking back never lowers the furthest position
    clock.advance(1);
    expect((await recordVideoProgress(deps, learner, c.video, { positionSeconds: 10 })).positionSeconds).toBe(89);
    clock.advance(1);
    const done = await recordVideoProgress(deps, learner, c.video, { positionSeconds: 90 });
    expect(done).toMatchObject({ positionSeconds: 90, lessonCompleted: true });
    expect(await resumeLessonId(t.db, learner.id, c.courseId)).toBe(c.video);
    const row = await t.db.lessonProgress.findUniqueOrThrow({
      where: { userId_lessonId: { userId: learner.id, lessonId: c.video } },
    });
    expect(row.positionSeconds).toBe(90);
    expect(row.completedAt).not.toBeNull();
  });

  it("rejects implausible progress (beyond the watch budget, beyond the end) and records nothing", async () => {
    const learner = await createLearner(t.db, c.courseId);
    const clock = testClock();
    const deps = learningDeps(t.db, { now: clock.now });
    // no opening: the clock starts with a 10 s budget
    expect(await code(recordVideoProgress(deps, learner, c.video, { positionSeconds: 95 }))).toBe("unprocessable");
    await openLesson(deps, learner.id, c.video);
    clock.advance(10); // budget 10 + 10 s × 2
    expect(await code(recordVideoProgress(deps, learner, c.video, { positionSeconds: 31 }))).toBe("unprocessable");
    expect(await code(recordVideoProgress(deps, learner, c.video, { positionSeconds: 150 }))).toBe("unprocessable");
    expect((await recordVideoProgress(deps, learner, c.video, { positionSeconds: 30 })).positionSeconds).toBe(30);
    // rapid heartbeats earn nothing extra (no per-report slack): 2 s of wall time never buy 5 s of video
    for (let i = 0; i < 20; i += 1) {
      clock.advance(0.1);
      expect(await code(recordVideoProgress(deps, learner, c.video, { positionSeconds: 35 }))).toBe("unprocessable");
    }
    clock.advance(3600); // a long pause credits at most 30 s × 2
    expect(await code(recordVideoProgress(deps, learner, c.video, { positionSeconds: 99 }))).toBe("unprocessable");
    const ok = await recordVideoProgress(deps, learner, c.video, { positionSeconds: 90 });
    expect(ok).toMatchObject({
      furthestSeconds: 90,
      lastPositionSeconds: 90,
      requiredSeconds: 90,
      lessonCompleted: true,
    });
    const other = await createLearner(t.db, c.courseId);
    await openLesson(deps, other.id, c.video);
    clock.advance(5);
    expect(await code(recordVideoProgress(deps, other, c.video, { positionSeconds: 30 }))).toBe("unprocessable");
    expect(await code(recordVideoProgress(deps, other, c.text, { positionSeconds: 1 }))).toBe("unprocessable");
    const rows = await t.db.lessonProgress.findMany({ where: { userId: other.id, completedAt: { not: null } } });
    expect(rows).toEqual([]);
  });
});
