/**
 * Learning integrity (issue 11 item 8): a scripted client calling the APIs directly cannot complete a course faster
 * than its content allows; video completion needs server-known duration and the course threshold; quizzes hide the
 * answer key until passed or attempts are used up, with per-quiz attempts and cooldown.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../../test/db.ts";
import { learningDeps } from "./deps.ts";
import { completeLesson, openLesson, recordVideoProgress } from "./progress.ts";
import { submitQuiz } from "./quiz.ts";
import { createLearner, createUser, testClock } from "./testing/fixtures.ts";
import { INITIAL_BUDGET_SECONDS, MAX_PLAYBACK_RATE } from "./watch.ts";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => t.drop());

const code = (p: Promise<unknown>) =>
  p.then(
    () => "ok",
    (e: { code?: string }) => e.code ?? String(e),
  );

/** A published course: two 600 s videos, one text lesson, one quiz (one question, correct = b). */
async function videoCourse(percent = 90) {
  const provider = await createUser(t.db, "Provider", ["LEARNER", "PROVIDER"]);
  const course = await t.db.course.create({
    data: {
      slug: `integrity-${Date.now()}-${Math.random().toString(36).slice(2, 8)}`,
      title: "Integrity",
      providerId: provider.id,
      status: "PUBLISHED",
      videoCompletionPercent: percent,
    },
  });
  const section = await t.db.section.create({ data: { courseId: course.id, title: "S", position: 0 } });
  const lesson = (position: number, data: Record<string, unknown>) =>
    t.db.lesson.create({ data: { sectionId: section.id, position, title: `L${position}`, kind: "TEXT", ...data } });
  const v1 = await lesson(0, { kind: "VIDEO", durationSeconds: 600 });
  const v2 = await lesson(1, { kind: "VIDEO", durationSeconds: 600 });
  const text = await lesson(2, { body: "Read me" });
  const quiz = await lesson(3, { kind: "QUIZ", passMarkPercent: 100 });
  const q = await t.db.quizQuestion.create({
    data: { lessonId: quiz.id, prompt: "Pick b", position: 0, explanation: "b!" },
  });
  const a = await t.db.quizOption.create({ data: { questionId: q.id, text: "a", position: 0 } });
  const b = await t.db.quizOption.create({ data: { questionId: q.id, text: "b", position: 1, correct: true } });
  return { courseId: course.id, v1: v1.id, v2: v2.id, text: text.id, quiz: quiz.id, q: q.id, a: a.id, b: b.id };
}

describe("a scripted API client", () => {
  it("cannot complete a course faster than its videos play at the fastest rate, even watching them in parallel", async () => {
    const c = await videoCourse();
    const learner = await createLearner(t.db, c.courseId);
    const clock = testClock();
    const deps = learningDeps(t.db, { now: clock.now });
    const started = clock.now().getTime();
    // The obvious shortcuts fail.
    for (const id of [c.v1, c.v2, c.text, c.quiz]) await openLesson(deps, learner.id, id);
    expect(await code(completeLesson(deps, learner, c.v1))).toBe("unprocessable");
    expect(await code(recordVideoProgress(deps, learner, c.v1, { positionSeconds: 599 }))).toBe("unprocessable");
    expect(await completeLesson(deps, learner, c.text)).toMatchObject({
      lessonCompleted: true,
      courseCompleted: false,
    });
    expect(await submitQuiz(deps, learner, c.quiz, { answers: { [c.q]: [c.b] } })).toMatchObject({ passed: true });

    // The best a script can do: every 30 s (the longest gap that still earns credit), push BOTH videos as far as
    // the server accepts.
    const furthest: Record<string, number> = { [c.v1]: 0, [c.v2]: 0 };
    let courseCompleted = false;
    let steps = 0;
    while (!courseCompleted && steps < 1_000) {
      steps += 1;
      clock.advance(30);
      for (const id of [c.v1, c.v2]) {
        // binary search for the largest accepted position (what a cheating client would probe for)
        let lo = furthest[id]!;
        let hi = 600;
        while (hi - lo > 1) {
          const mid = Math.floor((lo + hi) / 2);
          const r = await recordVideoProgress(deps, learner, id, { positionSeconds: mid }).catch(() => null);
          if (r) {
            lo = mid;
            courseCompleted ||= r.courseCompleted;
          } else hi = mid;
        }
        furthest[id] = lo;
      }
    }
    expect(courseCompleted).toBe(true);
    const elapsed = (clock.now().getTime() - started) / 1000;
    const required = 2 * Math.ceil(600 * 0.9); // 540 s of each video
    // furthest positions advance at most MAX_PLAYBACK_RATE × wall-clock time (+ the initial budget)
    expect(elapsed).toBeGreaterThanOrEqual((required - INITIAL_BUDGET_SECONDS) / MAX_PLAYBACK_RATE);
    expect(await t.db.courseCompletion.count({ where: { userId: learner.id } })).toBe(1);
  }, 120_000);

  it("completes a video at the course's threshold of the server-known duration, never from the client's", async () => {
    const c = await videoCourse(50);
    const learner = await createLearner(t.db, c.courseId);
    const clock = testClock();
    const deps = learningDeps(t.db, { now: clock.now });
    await openLesson(deps, learner.id, c.v1);
    let r;
    for (let p = 10; p <= 300; p += 10) {
      clock.advance(10);
      r = await recordVideoProgress(deps, learner, c.v1, { positionSeconds: p });
      expect(r.lessonCompleted).toBe(p >= 300);
    }
    expect(r).toMatchObject({ requiredSeconds: 300, completionPercent: 50, durationSeconds: 600 });
    // duration from the uploaded file when the lesson has none; unknown duration never completes
    const asset = await t.db.mediaAsset.create({
      data: {
        ownerId: learner.id,
        driver: "FS",
        key: `k-${Date.now()}`,
        mimeType: "video/mp4",
        sizeBytes: 1n,
        sha256: "00".repeat(32),
        durationSeconds: 20,
      },
    });
    await t.db.lesson.update({ where: { id: c.v2 }, data: { durationSeconds: null, mediaId: asset.id } });
    await openLesson(deps, learner.id, c.v2);
    clock.advance(10);
    expect(await recordVideoProgress(deps, learner, c.v2, { positionSeconds: 10 })).toMatchObject({
      durationSeconds: 20,
      requiredSeconds: 10,
      lessonCompleted: true,
    });
    await t.db.lesson.update({ where: { id: c.v2 }, data: { mediaId: null } });
    const other = await createLearner(t.db, c.courseId);
    await openLesson(deps, other.id, c.v2);
    clock.advance(10);
    expect(await recordVideoProgress(deps, other, c.v2, { positionSeconds: 20 })).toMatchObject({
      durationSeconds: null,
      lessonCompleted: false,
    });
  });
});

describe("quiz attempts and the answer key", () => {
  it("hides the answers until the attempts are used up, then cools down for 10 minutes", async () => {
    const c = await videoCourse();
    const learner = await createLearner(t.db, c.courseId);
    const clock = testClock();
    const deps = learningDeps(t.db, { now: clock.now });
    const wrong = { answers: { [c.q]: [c.a] } };
    for (const left of [2, 1]) {
      const r = await submitQuiz(deps, learner, c.quiz, wrong);
      expect(r).toMatchObject({
        passed: false,
        answersRevealed: false,
        questions: [],
        attemptsLeft: left,
        retryAt: null,
      });
      expect(JSON.stringify(r)).not.toContain("b!");
      clock.advance(5);
    }
    const third = await submitQuiz(deps, learner, c.quiz, wrong);
    expect(third).toMatchObject({ answersRevealed: true, attemptsLeft: 0 });
    expect(third.questions[0]).toMatchObject({ correctOptionIds: [c.b], explanationHtml: "<p>b!</p>" });
    expect(third.retryAt).toBe(new Date(clock.now().getTime() + 600_000).toISOString());
    clock.advance(599);
    const blocked = await submitQuiz(deps, learner, c.quiz, { answers: { [c.q]: [c.b] } }).catch((e: unknown) => e);
    expect(blocked).toMatchObject({ code: "rate_limited", fields: { retryAfterSeconds: "1" } });
    expect(await t.db.quizAttempt.count({ where: { userId: learner.id } })).toBe(3);
    clock.advance(1);
    expect(await submitQuiz(deps, learner, c.quiz, { answers: { [c.q]: [c.b] } })).toMatchObject({
      passed: true,
      answersRevealed: true,
    });
  });

  it("a pass reveals the answers at once; providers set attempts and cooldown per quiz", async () => {
    const c = await videoCourse();
    await t.db.lesson.update({ where: { id: c.quiz }, data: { quizMaxAttempts: 1, quizCooldownSeconds: 60 } });
    const learner = await createLearner(t.db, c.courseId);
    const clock = testClock();
    const deps = learningDeps(t.db, { now: clock.now });
    const first = await submitQuiz(deps, learner, c.quiz, { answers: { [c.q]: [c.a] } });
    expect(first).toMatchObject({ answersRevealed: true, attemptsLeft: 0 });
    expect(await code(submitQuiz(deps, learner, c.quiz, { answers: { [c.q]: [c.b] } }))).toBe("rate_limited");
    clock.advance(60);
    const other = await createLearner(t.db, c.courseId);
    expect(await submitQuiz(deps, other, c.quiz, { answers: { [c.q]: [c.b] } })).toMatchObject({
      passed: true,
      answersRevealed: true,
      questions: [expect.objectContaining({ credit: 1 })],
    });
  });
});
