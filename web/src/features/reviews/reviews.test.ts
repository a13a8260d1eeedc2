/** Integration: who may review (enrolled + a completed lesson), one editable review, provider-only replies. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../../test/db.ts";
import { ratingSummaries } from "@/features/catalog/ratings.ts";
import { learningDeps } from "@/features/learning/deps.ts";
import {
  createCourse,
  createLearner,
  createUser,
  finishLesson,
  type CourseFixture,
} from "@/features/learning/testing/fixtures.ts";
import { listReviews, replyToReview, upsertReview } from "./service.ts";

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
    (e: { code?: string; message?: string }) => `${e.code}: ${e.message}`,
  );

describe("reviews", () => {
  it("requires an ACTIVE enrollment and at least one completed lesson; the provider cannot review", async () => {
    const outsider = await createUser(t.db, "Outsider");
    expect(await code(upsertReview(t.db, outsider.id, c.slug, { rating: 5, body: "" }))).toMatch(/^forbidden: Enroll/);
    const learner = await createLearner(t.db, c.courseId);
    expect(await code(upsertReview(t.db, learner.id, c.slug, { rating: 5, body: "" }))).toMatch(
      /^forbidden: Complete at least one lesson/,
    );
    expect(await code(upsertReview(t.db, c.providerId, c.slug, { rating: 5, body: "" }))).toMatch(/^forbidden/);
    expect(await code(upsertReview(t.db, learner.id, "no-such-course", { rating: 5, body: "" }))).toMatch(/^not_found/);
  });

  it("one review per learner, editable; the rating summary reads the same table", async () => {
    const learner = await createLearner(t.db, c.courseId, "Ada");
    await finishLesson(learningDeps(t.db), learner, c.text);
    const first = await upsertReview(t.db, learner.id, c.slug, { rating: 3, body: "Good start" });
    expect(first).toMatchObject({ created: true, review: { rating: 3, body: "Good start", authorName: "Ada" } });
    const edited = await upsertReview(t.db, learner.id, c.slug, { rating: 5, body: "Great after all" });
    expect(edited).toMatchObject({ created: false, review: { id: first.review.id, rating: 5 } });
    expect(await t.db.review.count({ where: { courseId: c.courseId, userId: learner.id } })).toBe(1);
    const summary = (await ratingSummaries(t.db, [c.courseId])).get(c.courseId);
    expect(summary).toMatchObject({ count: 1, average: "5.0" });
  });

  it("only the course's provider replies (once, editable); the list shows the reply", async () => {
    const learner = await createLearner(t.db, c.courseId, "Grace");
    await finishLesson(learningDeps(t.db), learner, c.preview);
    const { review } = await upsertReview(t.db, learner.id, c.slug, { rating: 4, body: "Nice" });
    const otherProvider = await createUser(t.db, "Other", ["LEARNER", "PROVIDER"]);
    const admin = await createUser(t.db, "Admin", ["LEARNER", "PLATFORM_ADMIN"]);
    for (const u of [otherProvider.id, admin.id, learner.id]) {
      expect(await code(replyToReview(t.db, u, review.id, { reply: "x" }))).toMatch(/^forbidden/);
    }
    expect(await code(replyToReview(t.db, c.providerId, "nope", { reply: "x" }))).toMatch(/^not_found/);
    await replyToReview(t.db, c.providerId, review.id, { reply: "Thanks!" });
    const edited = await replyToReview(t.db, c.providerId, review.id, { reply: "Thank you, Grace!" });
    expect(edited.reply).toBe("Thank you, Grace!");
    const listed = (await listReviews(t.db, c.slug)).find((r) => r.id === review.id);
    expect(listed).toMatchObject({
      rating: 4,
      body: "Nice",
      reply: "Thank you, Grace!",
      repliedAt: expect.any(String),
    });
  });
});
