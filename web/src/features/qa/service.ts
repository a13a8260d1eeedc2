/**
 * Q&A per lesson. Authorization is a relation, never a role alone:
 * - a **participant** of a course is a learner with an ACTIVE enrollment, the course's provider, or a platform
 *   admin; only participants read a lesson's questions (others: 401 anonymous / 403);
 * - **asking** needs an ACTIVE enrollment (the provider answers, it does not ask);
 * - **answering** and **upvoting** need participation; nobody upvotes their own post; a vote toggles;
 * - **accepting** an answer is the course provider's (or a platform admin's) — one accepted answer per question,
 *   accepting it again un-accepts it.
 * Posting questions and answers counts against the `qaPostPerAccount` rate limit (429). Bodies are Markdown,
 * rendered with the sanitizing renderer of `lib/markdown.ts`. Notifications: the provider when asked, the asker
 * when answered (not for their own answers), an answer's author when accepted; the first two also by e-mail
 * (mail.ts: unless the recipient opted out on /account).
 */
import type { PrismaClient } from "@smolitux/db";
import { renderMarkdown } from "@/lib/markdown.ts";
import { ApiError } from "@/server/http.ts";
import { enforceRateLimits } from "@/server/rate-limit.ts";
import { enqueueQaMail } from "./mail.ts";
import type { AnswerInput, QuestionInput } from "./schemas.ts";

/** The caller (null = anonymous). */
export interface QaViewer {
  id: string;
  roles: readonly string[];
}

/** How the viewer relates to the course. */
export interface Participation {
  courseId: string;
  providerId: string;
  enrolled: boolean;
  isProvider: boolean;
  isAdmin: boolean;
}

/**
 * The viewer's participation in the course of `lessonId`.
 * @throws ApiError 404 (no such lesson), 401 (anonymous), 403 (not a participant)
 */
export async function participation(
  db: PrismaClient,
  viewer: QaViewer | null,
  lessonId: string,
): Promise<Participation> {
  const lesson = await db.lesson.findUnique({
    where: { id: lessonId },
    select: { section: { select: { course: { select: { id: true, providerId: true, status: true } } } } },
  });
  if (!lesson) throw new ApiError("not_found", "No such lesson.");
  const course = lesson.section.course;
  if (!viewer) throw new ApiError("unauthenticated", "Sign in to use the Q&A.");
  const isAdmin = viewer.roles.includes("PLATFORM_ADMIN");
  const isProvider = course.providerId === viewer.id;
  const enrolled =
    (await db.enrollment.count({ where: { userId: viewer.id, courseId: course.id, status: "ACTIVE" } })) > 0;
  if (!enrolled && !isProvider && !isAdmin)
    throw new ApiError("forbidden", "Only the course's learners and provider use its Q&A.");
  return { courseId: course.id, providerId: course.providerId, enrolled, isProvider, isAdmin };
}

async function questionParticipation(db: PrismaClient, viewer: QaViewer | null, questionId: string) {
  const q = await db.question.findUnique({
    where: { id: questionId },
    select: { id: true, lessonId: true, authorId: true, title: true },
  });
  if (!q) throw new ApiError("not_found", "No such question.");
  return { question: q, part: await participation(db, viewer, q.lessonId) };
}

async function displayName(db: PrismaClient, userId: string): Promise<string> {
  const u = await db.user.findUnique({ where: { id: userId }, select: { name: true, username: true } });
  return u?.name ?? u?.username ?? "";
}

/**
 * Asks a question on a lesson (enrolled learners) and notifies the course's provider.
 * @returns the new question's id
 * @throws ApiError 401/403/404, 429 (rate limit)
 */
export async function askQuestion(
  db: PrismaClient,
  viewer: QaViewer | null,
  lessonId: string,
  input: QuestionInput,
): Promise<string> {
  const part = await participation(db, viewer, lessonId);
  if (!part.enrolled) throw new ApiError("forbidden", "Enroll in the course to ask a question.");
  await enforceRateLimits(db, [["qaPostPerAccount", viewer!.id]]);
  const actorName = await displayName(db, viewer!.id);
  return db.$transaction(async (tx) => {
    const q = await tx.question.create({
      data: { lessonId, courseId: part.courseId, authorId: viewer!.id, title: input.title, body: input.body },
      select: { id: true },
    });
    if (part.providerId !== viewer!.id) {
      await tx.notification.create({
        data: { userId: part.providerId, kind: "QUESTION_ASKED", questionId: q.id, actorName },
      });
      await enqueueQaMail(tx, { kind: "QUESTION_ASKED", recipientId: part.providerId, questionId: q.id, actorName });
    }
    return q.id;
  });
}

/**
 * Answers a question (participants) and notifies the asker unless they answered themselves.
 * @returns the new answer's id
 * @throws ApiError 401/403/404, 429
 */
export async function answerQuestion(
  db: PrismaClient,
  viewer: QaViewer | null,
  questionId: string,
  input: AnswerInput,
): Promise<string> {
  const { question } = await questionParticipation(db, viewer, questionId);
  await enforceRateLimits(db, [["qaPostPerAccount", viewer!.id]]);
  const actorName = await displayName(db, viewer!.id);
  return db.$transaction(async (tx) => {
    const a = await tx.answer.create({
      data: { questionId, authorId: viewer!.id, body: input.body },
      select: { id: true },
    });
    if (question.authorId !== viewer!.id) {
      await tx.notification.create({
        data: { userId: question.authorId, kind: "QUESTION_ANSWERED", questionId, actorName },
      });
      await enqueueQaMail(tx, {
        kind: "QUESTION_ANSWERED",
        recipientId: question.authorId,
        questionId,
        answerId: a.id,
        actorName,
      });
    }
    return a.id;
  });
}

/**
 * Toggles the viewer's upvote of a question.
 * @returns whether the viewer now upvotes it and the question's vote count
 * @throws ApiError 401/403/404, 422 (own question)
 */
export async function toggleQuestionVote(
  db: PrismaClient,
  viewer: QaViewer | null,
  questionId: string,
): Promise<{ voted: boolean; votes: number }> {
  const { question } = await questionParticipation(db, viewer, questionId);
  if (question.authorId === viewer!.id) throw new ApiError("unprocessable", "You cannot upvote your own question.");
  const key = { questionId_userId: { questionId, userId: viewer!.id } };
  const voted = await db.$transaction(async (tx) => {
    const { count } = await tx.questionVote.deleteMany({ where: { questionId, userId: viewer!.id } });
    if (count > 0) return false;
    await tx.questionVote.upsert({ where: key, create: { questionId, userId: viewer!.id }, update: {} });
    return true;
  });
  return { voted, votes: await db.questionVote.count({ where: { questionId } }) };
}

/**
 * Toggles the viewer's upvote of an answer.
 * @throws ApiError 401/403/404, 422 (own answer)
 */
export async function toggleAnswerVote(
  db: PrismaClient,
  viewer: QaViewer | null,
  answerId: string,
): Promise<{ voted: boolean; votes: number }> {
  const answer = await db.answer.findUnique({ where: { id: answerId }, select: { questionId: true, authorId: true } });
  if (!answer) throw new ApiError("not_found", "No such answer.");
  await questionParticipation(db, viewer, answer.questionId);
  if (answer.authorId === viewer!.id) throw new ApiError("unprocessable", "You cannot upvote your own answer.");
  const key = { answerId_userId: { answerId, userId: viewer!.id } };
  const voted = await db.$transaction(async (tx) => {
    const { count } = await tx.answerVote.deleteMany({ where: { answerId, userId: viewer!.id } });
    if (count > 0) return false;
    await tx.answerVote.upsert({ where: key, create: { answerId, userId: viewer!.id }, update: {} });
    return true;
  });
  return { voted, votes: await db.answerVote.count({ where: { answerId } }) };
}

/**
 * Marks an answer as the accepted one (the course provider or a platform admin); accepting the accepted answer
 * again un-accepts it. Notifies the answer's author when someone else accepts it.
 * @returns whether the answer is now accepted
 * @throws ApiError 401/403/404
 */
export async function toggleAccepted(db: PrismaClient, viewer: QaViewer | null, answerId: string): Promise<boolean> {
  const answer = await db.answer.findUnique({
    where: { id: answerId },
    select: { questionId: true, authorId: true, accepted: true },
  });
  if (!answer) throw new ApiError("not_found", "No such answer.");
  const { part } = await questionParticipation(db, viewer, answer.questionId);
  if (!part.isProvider && !part.isAdmin) throw new ApiError("forbidden", "Only the course's provider accepts answers.");
  const accepted = !answer.accepted;
  const actorName = await displayName(db, viewer!.id);
  await db.$transaction(async (tx) => {
    await tx.answer.updateMany({ where: { questionId: answer.questionId, accepted: true }, data: { accepted: false } });
    if (accepted) {
      await tx.answer.update({ where: { id: answerId }, data: { accepted: true }, select: { id: true } });
      if (answer.authorId !== viewer!.id)
        await tx.notification.create({
          data: { userId: answer.authorId, kind: "ANSWER_ACCEPTED", questionId: answer.questionId, actorName },
        });
    }
  });
  return accepted;
}

/** One answer as the player shows it. */
export interface AnswerView {
  id: string;
  authorName: string;
  /** the author is the course's provider */
  byProvider: boolean;
  bodyHtml: string;
  accepted: boolean;
  votes: number;
  votedByMe: boolean;
  mine: boolean;
  /** ISO-8601 */
  createdAt: string;
}

/** One question with its answers (accepted first, then by votes, then oldest first). */
export interface QuestionView {
  id: string;
  title: string;
  bodyHtml: string;
  authorName: string;
  votes: number;
  votedByMe: boolean;
  mine: boolean;
  /** ISO-8601 */
  createdAt: string;
  answers: AnswerView[];
}

/** The Q&A of a lesson for a participant. */
export interface LessonQa {
  canAsk: boolean;
  canAccept: boolean;
  /** sorted by votes, then newest first */
  questions: QuestionView[];
}

/**
 * The Q&A of a lesson as the viewer sees it (HTML sanitized).
 * @throws ApiError 401/403/404
 */
export async function lessonQa(db: PrismaClient, viewer: QaViewer | null, lessonId: string): Promise<LessonQa> {
  const part = await participation(db, viewer, lessonId);
  const me = viewer!.id;
  const rows = await db.question.findMany({
    where: { lessonId },
    orderBy: { createdAt: "desc" },
    take: 200,
    select: {
      id: true,
      title: true,
      body: true,
      authorId: true,
      createdAt: true,
      author: { select: { name: true, username: true } },
      _count: { select: { votes: true } },
      votes: { where: { userId: me }, select: { userId: true } },
      answers: {
        orderBy: { createdAt: "asc" },
        select: {
          id: true,
          body: true,
          accepted: true,
          authorId: true,
          createdAt: true,
          author: { select: { name: true, username: true } },
          _count: { select: { votes: true } },
          votes: { where: { userId: me }, select: { userId: true } },
        },
      },
    },
  });
  const name = (a: { name: string | null; username: string | null }) => a.name ?? a.username ?? "";
  const questions = await Promise.all(
    rows.map(async (q) => ({
      id: q.id,
      title: q.title,
      bodyHtml: q.body ? await renderMarkdown(q.body) : "",
      authorName: name(q.author),
      votes: q._count.votes,
      votedByMe: q.votes.length > 0,
      mine: q.authorId === me,
      createdAt: q.createdAt.toISOString(),
      answers: (
        await Promise.all(
          q.answers.map(async (a) => ({
            id: a.id,
            authorName: name(a.author),
            byProvider: a.authorId === part.providerId,
            bodyHtml: await renderMarkdown(a.body),
            accepted: a.accepted,
            votes: a._count.votes,
            votedByMe: a.votes.length > 0,
            mine: a.authorId === me,
            createdAt: a.createdAt.toISOString(),
          })),
        )
      ).sort((x, y) => Number(y.accepted) - Number(x.accepted) || y.votes - x.votes),
    })),
  );
  questions.sort((x, y) => y.votes - x.votes);
  return { canAsk: part.enrolled, canAccept: part.isProvider || part.isAdmin, questions };
}
