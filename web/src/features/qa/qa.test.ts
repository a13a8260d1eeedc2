/**
 * Lesson Q&A (issue 14 item 7): who may read, ask, answer, upvote and accept (relations: enrollment, course
 * ownership); one vote per user (toggle); one accepted answer; sanitized Markdown; notifications for the provider
 * (asked), the asker (answered) and the answerer (accepted); the posting rate limit.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../../test/db.ts";
import { ApiError } from "@/server/http.ts";
import { RATE_LIMITS } from "@/server/rate-limit.ts";
import { createUser } from "@/features/studio/testing/fixtures.ts";
import { listNotifications, markRead, unreadCount } from "./notifications.ts";
import { answerInputSchema, questionInputSchema } from "./schemas.ts";
import {
  answerQuestion,
  askQuestion,
  lessonQa,
  toggleAccepted,
  toggleAnswerVote,
  toggleQuestionVote,
} from "./service.ts";

let t: TestDatabase;
let n = 0;

beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t.drop();
});

async function code(p: Promise<unknown>): Promise<string> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(ApiError);
  return (err as ApiError).code;
}

/** A published course with one lesson; its provider, two enrolled learners, an outsider and a revoked learner. */
async function world() {
  n += 1;
  const provider = await createUser(t.db, "Paula Provider");
  const alice = await createUser(t.db, "Alice", ["LEARNER"]);
  const bob = await createUser(t.db, "Bob", ["LEARNER"]);
  const outsider = await createUser(t.db, "Olga", ["LEARNER"]);
  const revoked = await createUser(t.db, "Rita", ["LEARNER"]);
  const admin = await createUser(t.db, "Adam", ["LEARNER", "PLATFORM_ADMIN"]);
  const course = await t.db.course.create({
    data: { slug: `qa-${Date.now()}-${n}`, title: "Git", providerId: provider.id, status: "PUBLISHED" },
  });
  const section = await t.db.section.create({ data: { courseId: course.id, title: "S", position: 0 } });
  const lesson = await t.db.lesson.create({ data: { sectionId: section.id, title: "L", kind: "TEXT", position: 0 } });
  for (const u of [alice, bob])
    await t.db.enrollment.create({ data: { userId: u.id, courseId: course.id, source: "FREE" } });
  await t.db.enrollment.create({
    data: { userId: revoked.id, courseId: course.id, source: "FREE", status: "REVOKED", revokedAt: new Date() },
  });
  return { provider, alice, bob, outsider, revoked, admin, lessonId: lesson.id, course };
}

const q = (title: string, body = "") => questionInputSchema.parse({ title, body });
const a = (body: string) => answerInputSchema.parse({ body });

describe("lesson Q&A", () => {
  it("enrolled learners ask; the provider and learners answer; only participants read; relation, not role", async () => {
    const w = await world();
    const qid = await askQuestion(
      t.db,
      w.alice,
      w.lessonId,
      q("How do I undo a commit?", "I ran `git commit` **too early**"),
    );
    expect(await code(askQuestion(t.db, null, w.lessonId, q("Anonymous asks")))).toBe("unauthenticated");
    expect(await code(askQuestion(t.db, w.outsider, w.lessonId, q("Outsider asks")))).toBe("forbidden");
    expect(await code(askQuestion(t.db, w.revoked, w.lessonId, q("Revoked asks")))).toBe("forbidden");
    expect(await code(askQuestion(t.db, w.provider, w.lessonId, q("Provider asks")))).toBe("forbidden");
    // another course's provider has no relation to this course
    const otherProvider = await createUser(t.db, "Other provider");
    expect(await code(answerQuestion(t.db, otherProvider, qid, a("I know!")))).toBe("forbidden");
    expect(await code(lessonQa(t.db, w.outsider, w.lessonId))).toBe("forbidden");
    expect(await code(lessonQa(t.db, null, w.lessonId))).toBe("unauthenticated");

    const byProvider = await answerQuestion(t.db, w.provider, qid, a("Use `git reset --soft HEAD~1`."));
    const byBob = await answerQuestion(t.db, w.bob, qid, a("Or `git commit --amend` <script>alert(1)</script>"));
    const adminView = await lessonQa(t.db, w.admin, w.lessonId);
    expect(adminView.canAsk).toBe(false);
    expect(adminView.canAccept).toBe(true);
    const view = await lessonQa(t.db, w.alice, w.lessonId);
    expect(view.canAsk).toBe(true);
    expect(view.canAccept).toBe(false);
    expect(view.questions).toHaveLength(1);
    const question = view.questions[0]!;
    expect(question.bodyHtml).toContain("<strong>too early</strong>");
    expect(question.mine).toBe(true);
    expect(question.answers.map((x) => x.id).sort()).toEqual([byProvider, byBob].sort());
    expect(question.answers.find((x) => x.id === byProvider)!.byProvider).toBe(true);
    const bobs = question.answers.find((x) => x.id === byBob)!;
    expect(bobs.bodyHtml).not.toContain("<script");
    expect(bobs.bodyHtml).toContain("<code>git commit --amend</code>");
  });

  it("upvotes: one per user, toggled, never one's own", async () => {
    const w = await world();
    const qid = await askQuestion(t.db, w.alice, w.lessonId, q("Why rebase?"));
    expect(await toggleQuestionVote(t.db, w.bob, qid)).toEqual({ voted: true, votes: 1 });
    expect(await toggleQuestionVote(t.db, w.provider, qid)).toEqual({ voted: true, votes: 2 });
    expect(await toggleQuestionVote(t.db, w.bob, qid)).toEqual({ voted: false, votes: 1 });
    expect(await code(toggleQuestionVote(t.db, w.alice, qid))).toBe("unprocessable");
    expect(await code(toggleQuestionVote(t.db, w.outsider, qid))).toBe("forbidden");
    const aid = await answerQuestion(t.db, w.bob, qid, a("History stays linear."));
    expect(await toggleAnswerVote(t.db, w.alice, aid)).toEqual({ voted: true, votes: 1 });
    expect(await toggleAnswerVote(t.db, w.provider, aid)).toEqual({ voted: true, votes: 2 });
    expect(await code(toggleAnswerVote(t.db, w.bob, aid))).toBe("unprocessable");
    expect(await toggleAnswerVote(t.db, w.alice, aid)).toEqual({ voted: false, votes: 1 });
    const view = await lessonQa(t.db, w.provider, w.lessonId);
    expect(view.questions[0]!.votedByMe).toBe(true);
    expect(view.questions[0]!.answers[0]!.votedByMe).toBe(true);
  });

  it("the provider accepts one answer (toggle, moving the mark); learners cannot", async () => {
    const w = await world();
    const qid = await askQuestion(t.db, w.alice, w.lessonId, q("Merge or rebase?"));
    const first = await answerQuestion(t.db, w.bob, qid, a("Merge."));
    const second = await answerQuestion(t.db, w.provider, qid, a("Rebase your own branch, merge shared ones."));
    expect(await code(toggleAccepted(t.db, w.alice, first))).toBe("forbidden");
    expect(await code(toggleAccepted(t.db, w.bob, first))).toBe("forbidden");
    expect(await toggleAccepted(t.db, w.provider, first)).toBe(true);
    expect(await toggleAccepted(t.db, w.provider, second)).toBe(true);
    const accepted = await t.db.answer.findMany({ where: { questionId: qid, accepted: true }, select: { id: true } });
    expect(accepted).toEqual([{ id: second }]);
    expect((await lessonQa(t.db, w.alice, w.lessonId)).questions[0]!.answers[0]!.id).toBe(second);
    expect(await toggleAccepted(t.db, w.provider, second)).toBe(false);
    expect(await t.db.answer.count({ where: { questionId: qid, accepted: true } })).toBe(0);
  });

  it("notifies the provider when asked, the asker when answered by others, the answerer when accepted", async () => {
    const w = await world();
    const qid = await askQuestion(t.db, w.alice, w.lessonId, q("What is HEAD?"));
    const asked = await listNotifications(t.db, w.provider.id);
    expect(asked).toHaveLength(1);
    expect(asked[0]).toMatchObject({
      kind: "QUESTION_ASKED",
      actorName: "Alice",
      questionTitle: "What is HEAD?",
      read: false,
    });
    expect(asked[0]!.href).toBe(`/learn/${w.course.slug}/${w.lessonId}#q-${qid}`);
    await answerQuestion(t.db, w.alice, qid, a("Answering myself: a pointer."));
    expect(await unreadCount(t.db, w.alice.id)).toBe(0);
    const aid = await answerQuestion(t.db, w.bob, qid, a("The current commit."));
    expect((await listNotifications(t.db, w.alice.id)).map((x) => [x.kind, x.actorName])).toEqual([
      ["QUESTION_ANSWERED", "Bob"],
    ]);
    await toggleAccepted(t.db, w.provider, aid);
    expect((await listNotifications(t.db, w.bob.id)).map((x) => x.kind)).toEqual(["ANSWER_ACCEPTED"]);
    // marking read touches only the caller's own notifications
    const bobsId = (await listNotifications(t.db, w.bob.id))[0]!.id;
    expect(await markRead(t.db, w.alice.id, [bobsId])).toBe(0);
    expect(await unreadCount(t.db, w.bob.id)).toBe(1);
    expect(await markRead(t.db, w.alice.id)).toBe(1);
    expect(await unreadCount(t.db, w.alice.id)).toBe(0);
    expect(await unreadCount(t.db, w.provider.id)).toBe(1);
  });

  it("rate-limits posting per account (429 with the wait)", async () => {
    const w = await world();
    const max = RATE_LIMITS.qaPostPerAccount.max;
    const qid = await askQuestion(t.db, w.alice, w.lessonId, q("Rate limit question"));
    for (let i = 1; i < max; i += 1) await answerQuestion(t.db, w.alice, qid, a(`answer ${i}`));
    const err = await answerQuestion(t.db, w.alice, qid, a("one too many")).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).code).toBe("rate_limited");
    expect(await t.db.answer.count({ where: { questionId: qid, authorId: w.alice.id } })).toBe(max - 1);
    // another account is not affected
    await answerQuestion(t.db, w.bob, qid, a("still fine"));
  });
});
