/**
 * Integration: what the course page reads (issue 14 item 2) — outcomes and requirements, video duration from
 * the media file's metadata, instructor with other courses, and the enrolled learner's progress state.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../../test/db.ts";
import { learnerCourseState } from "@/features/learning/dashboard.ts";
import { createCourse, createLearner } from "@/features/learning/testing/fixtures.ts";
import { courseBySlug } from "./queries.ts";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => t.drop());

describe("course page data", () => {
  it("carries outcomes, requirements, video seconds (media metadata first), instructor and other courses", async () => {
    const c = await createCourse(t.db);
    await t.db.user.update({ where: { id: c.providerId }, data: { name: "Ada", bio: "Teaches things." } });
    await t.db.course.update({
      where: { id: c.courseId },
      data: { learningOutcomes: ["Write a contract", "Test it"], requirements: ["A laptop"] },
    });
    // The media file's duration (read from the MP4 at upload) wins over the lesson's own field (100 s).
    const media = await t.db.mediaAsset.create({
      data: {
        ownerId: c.providerId,
        driver: "FS",
        key: `k-${c.courseId}`,
        mimeType: "video/mp4",
        sizeBytes: 10n,
        sha256: "a".repeat(64),
        originalName: "v.mp4",
        durationSeconds: 3_725,
      },
      select: { id: true },
    });
    await t.db.lesson.update({ where: { id: c.video }, data: { mediaId: media.id } });
    // A text lesson with a duration in its field (an import, or an old edit) still has none on the page.
    await t.db.lesson.update({ where: { id: c.text }, data: { durationSeconds: 600 } });
    const other = await createCourse(t.db, { providerId: c.providerId });
    await createCourse(t.db); // another provider's course is not "more by"

    const detail = (await courseBySlug(t.db, c.slug))!;
    expect(detail.learningOutcomes).toEqual(["Write a contract", "Test it"]);
    expect(detail.requirements).toEqual(["A laptop"]);
    expect(detail.videoSeconds).toBe(3_725);
    const lessons = detail.sections.flatMap((s) => s.lessons);
    expect(lessons.find((l) => l.id === c.video)?.durationSeconds).toBe(3_725);
    expect(lessons.find((l) => l.id === c.text)?.durationSeconds).toBeNull();
    // one source: the course's total is the sum of the lessons' durations the curriculum shows
    expect(lessons.reduce((n, l) => n + (l.durationSeconds ?? 0), 0)).toBe(detail.videoSeconds);
    expect(detail.instructor).toMatchObject({ id: c.providerId, name: "Ada", bio: "Teaches things.", courseCount: 2 });
    expect(detail.otherCourses.map((o) => o.slug)).toEqual([other.slug]);
    expect(detail.updatedAt).toMatch(/^\d{4}-\d{2}-\d{2}T.*Z$/);
  });

  it("gives an enrolled learner's progress and resume lesson, null without an active enrollment", async () => {
    const c = await createCourse(t.db);
    const learner = await createLearner(t.db, c.courseId);
    const fresh = await learnerCourseState(t.db, learner.id, c.courseId);
    expect(fresh).toMatchObject({ progressPercent: 0, completedAt: null, certificate: null });
    await t.db.lessonProgress.create({
      data: { userId: learner.id, lessonId: c.preview, completedAt: new Date() },
    });
    const after = await learnerCourseState(t.db, learner.id, c.courseId);
    expect(after!.progressPercent).toBeGreaterThan(0);
    await t.db.enrollment.update({
      where: { userId_courseId: { userId: learner.id, courseId: c.courseId } },
      data: { status: "REVOKED", revokedAt: new Date() },
    });
    expect(await learnerCourseState(t.db, learner.id, c.courseId)).toBeNull();
  });
});
