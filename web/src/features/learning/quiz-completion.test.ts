/** Integration: quiz grading and attempts, flashcard reviews, the completion rule and the exactly-once hook. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../../test/db.ts";
import { dashboardCourses } from "./dashboard.ts";
import { learningDeps, type CourseCompletedEvent, type OnCourseCompleted } from "./deps.ts";
import { reviewFlashcard } from "./flashcards.ts";
import { playerData } from "./player.ts";
import { completeLesson, openLesson } from "./progress.ts";
import { submitQuiz } from "./quiz.ts";
import { createCourse, createLearner, finishLesson, type CourseFixture } from "./testing/fixtures.ts";

let t: TestDatabase;
let c: CourseFixture;

beforeAll(async () => {
  t = await createTestDatabase();
  c = await createCourse(t.db);
});
afterAll(async () => t.drop());

function recordingHook(): { hook: OnCourseCompleted; events: CourseCompletedEvent[] } {
  const events: CourseCompletedEvent[] = [];
  return {
    events,
    hook: async ({ db }, event) => {
      // prove the hook runs inside the transaction that recorded the completion
      const row = await db.courseCompletion.findUnique({
        where: { userId_courseId: { userId: event.userId, courseId: event.courseId } },
      });
      expect(row).not.toBeNull();
      events.push(event);
    },
  };
}

describe("quiz", () => {
  it("grades single and multiple choice with partial credit, records attempts, allows retries", async () => {
    const learner = await createLearner(t.db, c.courseId);
    const deps = learningDeps(t.db);
    // q1 right (1) + q2 one of two right, no wrong (0.5) = 75 % >= 70 %
    const partial = await submitQuiz(deps, learner, c.quiz, { answers: { [c.q1]: [c.q1b], [c.q2]: [c.q2a] } });
    expect(partial).toMatchObject({ scorePercent: 75, passed: true, passMarkPercent: 70, lessonCompleted: true });
    expect(partial.questions.map((q) => [q.credit, q.correctOptionIds])).toEqual([
      [1, [c.q1b]],
      [0.5, [c.q2a, c.q2b]],
    ]);
    expect(partial.questions[0]?.explanationHtml).toBe("<p>B is right because it is B.</p>");
    // q1 wrong (0) + q2 everything chosen: 2 right − 1 wrong = 0.5 → 25 %: failed, but the pass stays
    const failed = await submitQuiz(deps, learner, c.quiz, {
      answers: { [c.q1]: [c.q1a], [c.q2]: [c.q2a, c.q2b, c.q2c] },
    });
    expect(failed).toMatchObject({ scorePercent: 25, passed: false, lessonCompleted: true });
    const full = await submitQuiz(deps, learner, c.quiz, { answers: { [c.q1]: [c.q1b], [c.q2]: [c.q2b, c.q2a] } });
    expect(full).toMatchObject({ scorePercent: 100, passed: true });
    const attempts = await t.db.quizAttempt.findMany({
      where: { userId: learner.id },
      orderBy: { createdAt: "asc" },
      select: { scorePercent: true, passed: true, answers: true },
    });
    expect(attempts.map((a) => [a.scorePercent, a.passed])).toEqual([
      [75, true],
      [25, false],
      [100, true],
    ]);
    expect(attempts[0]?.answers).toEqual({ [c.q1]: [c.q1b], [c.q2]: [c.q2a] });
    expect((await playerData(t.db, learner, c.slug, c.quiz)).lastAttempt).toMatchObject({ scorePercent: 100 });
  });

  it("fails below the pass mark and does not complete the lesson; unanswered questions score 0", async () => {
    const learner = await createLearner(t.db, c.courseId);
    const r = await submitQuiz(learningDeps(t.db), learner, c.quiz, { answers: { [c.q2]: [c.q2a, c.q2b] } });
    expect(r).toMatchObject({ scorePercent: 50, passed: false, lessonCompleted: false });
  });

  it("rejects answers to unknown questions/options and several options for a single-choice question", async () => {
    const learner = await createLearner(t.db, c.courseId);
    const deps = learningDeps(t.db);
    const fail = (answers: Record<string, string[]>) =>
      submitQuiz(deps, learner, c.quiz, { answers }).then(
        () => "ok",
        (e: { code: string }) => e.code,
      );
    expect(await fail({ [c.q1]: [c.q1a, c.q1b] })).toBe("validation_failed");
    expect(await fail({ [c.q1]: [c.q2a] })).toBe("validation_failed");
    expect(await fail({ nope: [c.q1a] })).toBe("validation_failed");
    expect(await t.db.quizAttempt.count({ where: { userId: learner.id } })).toBe(0);
  });
});

describe("flashcards", () => {
  it("reschedules a card and completes the deck once every card was reviewed; due cards come first", async () => {
    const learner = await createLearner(t.db, c.courseId);
    const deps = learningDeps(t.db);
    const first = await reviewFlashcard(deps, learner, c.cards[0], { grade: "good" });
    expect(first.schedule).toMatchObject({ intervalDays: 1, repetitions: 1, easeFactor: 250 });
    expect(first.lessonCompleted).toBe(false);
    const data = await playerData(t.db, learner, c.slug, c.deck);
    expect(data.lesson.flashcards.map((f) => [f.id, f.due])).toEqual([
      [c.cards[1], true],
      [c.cards[0], false],
    ]);
    expect((await reviewFlashcard(deps, learner, c.cards[1], { grade: "again" })).lessonCompleted).toBe(true);
  });
});

describe("course completion", () => {
  async function completeAllButQuiz(userId: string, deps = learningDeps(t.db)) {
    const viewer = { id: userId, roles: ["LEARNER"] };
    for (const id of [c.preview, c.video, c.text, c.deck]) await finishLesson(deps, viewer, id);
  }

  it("requires every required lesson and a passed quiz; fires the hook once; the dashboard shows 100 %", async () => {
    const learner = await createLearner(t.db, c.courseId);
    const { hook, events } = recordingHook();
    const deps = learningDeps(t.db, { onCourseCompleted: hook });
    await completeAllButQuiz(learner.id, deps);
    expect(events).toHaveLength(0);
    let [dash] = await dashboardCourses(t.db, learner.id);
    expect(dash).toMatchObject({ progressPercent: 80, completedAt: null, status: "ACTIVE", certificateStatus: null });
    const passed = await submitQuiz(deps, learner, c.quiz, { answers: { [c.q1]: [c.q1b], [c.q2]: [c.q2a, c.q2b] } });
    expect(passed.courseCompleted).toBe(true);
    expect(events).toEqual([{ userId: learner.id, courseId: c.courseId, completedAt: expect.any(Date) }]);
    // the non-required PDF is not needed; doing it later does not fire again
    expect(await finishLesson(deps, learner, c.pdf)).toBe(false);
    expect(events).toHaveLength(1);
    [dash] = await dashboardCourses(t.db, learner.id);
    expect(dash).toMatchObject({ progressPercent: 100, completedAt: expect.any(String) });
  });

  it("fires the hook exactly once when the last lessons are completed concurrently", async () => {
    const learner = await createLearner(t.db, c.courseId);
    const { hook, events } = recordingHook();
    const deps = learningDeps(t.db, { onCourseCompleted: hook });
    const viewer = { id: learner.id, roles: ["LEARNER"] };
    await submitQuiz(deps, viewer, c.quiz, { answers: { [c.q1]: [c.q1b], [c.q2]: [c.q2a, c.q2b] } });
    await finishLesson(deps, viewer, c.preview);
    await finishLesson(deps, viewer, c.video);
    for (const id of [c.text, c.deck]) await openLesson(deps, learner.id, id);
    const results = await Promise.all([
      completeLesson(deps, viewer, c.text),
      completeLesson(deps, viewer, c.deck),
      completeLesson(deps, viewer, c.text),
      completeLesson(deps, viewer, c.deck),
    ]);
    expect(results.filter((r) => r.courseCompleted)).toHaveLength(1);
    expect(events).toHaveLength(1);
    expect(await t.db.courseCompletion.count({ where: { userId: learner.id } })).toBe(1);
  });

  it("a failing hook rolls the completion back; the next progress event retries it", async () => {
    const learner = await createLearner(t.db, c.courseId);
    let fail = true;
    const calls: string[] = [];
    const deps = learningDeps(t.db, {
      onCourseCompleted: async (_d, e) => {
        calls.push(e.userId);
        if (fail) throw new Error("certificate service down");
      },
    });
    await completeAllButQuiz(learner.id);
    const answers = { [c.q1]: [c.q1b], [c.q2]: [c.q2a, c.q2b] };
    await expect(submitQuiz(deps, learner, c.quiz, { answers })).rejects.toThrow("certificate service down");
    expect(await t.db.courseCompletion.count({ where: { userId: learner.id } })).toBe(0);
    expect(await t.db.quizAttempt.count({ where: { userId: learner.id } })).toBe(0);
    fail = false;
    expect((await submitQuiz(deps, learner, c.quiz, { answers })).courseCompleted).toBe(true);
    expect(calls).toEqual([learner.id, learner.id]);
  });

  it("providers previewing their own course get progress but never a completion", async () => {
    const { hook, events } = recordingHook();
    const deps = learningDeps(t.db, { onCourseCompleted: hook });
    const provider = { id: c.providerId, roles: ["LEARNER", "PROVIDER"] };
    for (const id of [c.preview, c.video, c.text, c.deck]) await finishLesson(deps, provider, id);
    await submitQuiz(deps, provider, c.quiz, { answers: { [c.q1]: [c.q1b], [c.q2]: [c.q2a, c.q2b] } });
    expect(events).toHaveLength(0);
  });
});
