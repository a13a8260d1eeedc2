/**
 * Authorization matrix rows of issue 14's community features: lesson translations (studio), the learner's content
 * language, lesson Q&A (relations: the learner's enrollment, the provider's course ownership; admins take part
 * without enrollment but do not ask), notifications, provider storefronts.
 */
import type { PrismaClient } from "@smolitux/db";
import { unsubscribeToken } from "@/features/mail/unsubscribe.ts";
import { defineEndpoint, type AuthzEndpoint, type RequestContext } from "../harness.ts";
import { TEST_AUTH_SECRET } from "../session.ts";

let n = 0;
/** A course owned by the provider identity (else by a fresh provider) with one TEXT lesson. */
async function ownedLesson(ctx: RequestContext): Promise<{ courseId: string; lessonId: string }> {
  const db: PrismaClient = ctx.db;
  const ownerId =
    ctx.identity === "provider"
      ? ctx.user!.id
      : (await db.user.create({ data: { name: "owner", roles: ["LEARNER", "PROVIDER"] }, select: { id: true } })).id;
  n += 1;
  const course = await db.course.create({
    data: { slug: `authz-community-${Date.now()}-${n}`, title: "Authz", providerId: ownerId, language: "en" },
    select: { id: true },
  });
  const section = await db.section.create({ data: { courseId: course.id, title: "S", position: 0 } });
  const lesson = await db.lesson.create({
    data: { sectionId: section.id, title: "L", kind: "TEXT", position: 0 },
    select: { id: true },
  });
  return { courseId: course.id, lessonId: lesson.id };
}

/**
 * A course with one lesson and a question by a third user. `owner: "self"` makes the provider identity the course's
 * provider; `enrollLearner` enrolls the learner identity.
 */
async function qaWorld(ctx: RequestContext, opts: { owner: "self" | "other"; enrollLearner: boolean }) {
  const db: PrismaClient = ctx.db;
  const ownerId =
    ctx.identity === "provider" && opts.owner === "self"
      ? ctx.user!.id
      : (await db.user.create({ data: { name: "owner", roles: ["LEARNER", "PROVIDER"] }, select: { id: true } })).id;
  n += 1;
  const course = await db.course.create({
    data: { slug: `authz-qa-${Date.now()}-${n}`, title: "QA", providerId: ownerId, status: "PUBLISHED" },
    select: { id: true },
  });
  const section = await db.section.create({ data: { courseId: course.id, title: "S", position: 0 } });
  const lesson = await db.lesson.create({
    data: { sectionId: section.id, title: "L", kind: "TEXT", position: 0 },
    select: { id: true },
  });
  const asker = await db.user.create({ data: { name: "asker" }, select: { id: true } });
  await db.enrollment.create({ data: { userId: asker.id, courseId: course.id, source: "FREE" } });
  if (opts.enrollLearner && ctx.identity === "learner")
    await db.enrollment.create({ data: { userId: ctx.user!.id, courseId: course.id, source: "FREE" } });
  const question = await db.question.create({
    data: { lessonId: lesson.id, courseId: course.id, authorId: asker.id, title: "A question", body: "" },
    select: { id: true },
  });
  const answer = await db.answer.create({
    data: { questionId: question.id, authorId: asker.id, body: "An answer" },
    select: { id: true },
  });
  return { lessonId: lesson.id, questionId: question.id, answerId: answer.id };
}

export const communityEndpoints: AuthzEndpoint[] = [
  defineEndpoint<{ id: string; language: string }>({
    name: "save a lesson translation",
    method: "PUT",
    path: "/api/studio/lessons/[id]/translations/[language]",
    handler: async () => (await import("@/app/api/studio/lessons/[id]/translations/[language]/route.ts")).PUT,
    request: async (ctx) => ({
      params: { id: (await ownedLesson(ctx)).lessonId, language: "fr" },
      body: { title: "Leçon", body: "Texte" },
    }),
    expect: { anonymous: 401, learner: 403, provider: 201, admin: 201 },
  }),
  defineEndpoint<{ id: string; language: string }>({
    name: "delete a lesson translation",
    method: "DELETE",
    path: "/api/studio/lessons/[id]/translations/[language]",
    handler: async () => (await import("@/app/api/studio/lessons/[id]/translations/[language]/route.ts")).DELETE,
    request: async (ctx) => {
      const { lessonId } = await ownedLesson(ctx);
      await ctx.db.lessonTranslation.create({ data: { lessonId, language: "de", title: "Lektion" } });
      return { params: { id: lessonId, language: "de" } };
    },
    expect: { anonymous: 401, learner: 403, provider: 204, admin: 204 },
  }),
  defineEndpoint({
    name: "set the preferred content language",
    method: "PUT",
    path: "/api/auth/account/content-language",
    handler: async () => (await import("@/app/api/auth/account/content-language/route.ts")).PUT,
    request: () => ({ params: {}, body: { language: "fr" } }),
    expect: { anonymous: 401, learner: 204, provider: 204, admin: 204 },
  }),
  defineEndpoint({
    name: "turn lesson Q&A e-mail on or off",
    method: "PUT",
    path: "/api/auth/account/notifications",
    handler: async () => (await import("@/app/api/auth/account/notifications/route.ts")).PUT,
    request: () => ({ params: {}, body: { qaMail: false } }),
    expect: { anonymous: 401, learner: 204, provider: 204, admin: 204 },
  }),
  defineEndpoint({
    name: "one-click unsubscribe from Q&A e-mail (signed link in the mail, no sign-in, RFC 8058)",
    method: "POST",
    path: "/api/mail/unsubscribe",
    handler: async () => (await import("@/app/api/mail/unsubscribe/route.ts")).POST,
    request: async ({ db }) => {
      const { id } = await db.user.create({ data: { name: "recipient" }, select: { id: true } });
      return {
        params: {},
        query: { token: unsubscribeToken(TEST_AUTH_SECRET, id, "qa") },
        raw: { body: "List-Unsubscribe=One-Click", contentType: "application/x-www-form-urlencoded" },
      };
    },
    expect: { anonymous: 200, learner: 200, provider: 200, admin: 200 },
  }),
  defineEndpoint({
    name: "one-click unsubscribe with a forged token",
    method: "POST",
    path: "/api/mail/unsubscribe",
    handler: async () => (await import("@/app/api/mail/unsubscribe/route.ts")).POST,
    request: async ({ db }) => {
      const { id } = await db.user.create({ data: { name: "recipient" }, select: { id: true } });
      return {
        params: {},
        query: { token: unsubscribeToken("another secret of at least 32 characters", id, "qa") },
        raw: { body: "List-Unsubscribe=One-Click", contentType: "application/x-www-form-urlencoded" },
      };
    },
    expect: { anonymous: 400, learner: 400, provider: 400, admin: 400 },
  }),
  defineEndpoint({
    name: "open the unsubscribe link in a browser (redirect to the confirmation page, nothing changes)",
    method: "GET",
    path: "/api/mail/unsubscribe",
    handler: async () => (await import("@/app/api/mail/unsubscribe/route.ts")).GET,
    request: () => ({ params: {}, query: { token: "v1.abc" } }),
    expect: { anonymous: 303, learner: 303, provider: 303, admin: 303 },
  }),
  defineEndpoint<{ lessonId: string }>({
    name: "ask a question (enrolled learner; the course's provider answers instead)",
    method: "POST",
    path: "/api/qa/lessons/[lessonId]/questions",
    handler: async () => (await import("@/app/api/qa/lessons/[lessonId]/questions/route.ts")).POST,
    request: async (ctx) => ({
      params: { lessonId: (await qaWorld(ctx, { owner: "self", enrollLearner: true })).lessonId },
      body: { title: "How does this work?", body: "Details" },
    }),
    expect: { anonymous: 401, learner: 201, provider: 403, admin: 403 },
  }),
  defineEndpoint<{ lessonId: string }>({
    name: "ask a question in a course one is not enrolled in",
    method: "POST",
    path: "/api/qa/lessons/[lessonId]/questions",
    handler: async () => (await import("@/app/api/qa/lessons/[lessonId]/questions/route.ts")).POST,
    request: async (ctx) => ({
      params: { lessonId: (await qaWorld(ctx, { owner: "other", enrollLearner: false })).lessonId },
      body: { title: "How does this work?", body: "Details" },
    }),
    expect: { anonymous: 401, learner: 403, provider: 403, admin: 403 },
  }),
  defineEndpoint<{ id: string }>({
    name: "answer a question (enrolled learner, the course's provider, admin)",
    method: "POST",
    path: "/api/qa/questions/[id]/answers",
    handler: async () => (await import("@/app/api/qa/questions/[id]/answers/route.ts")).POST,
    request: async (ctx) => ({
      params: { id: (await qaWorld(ctx, { owner: "self", enrollLearner: true })).questionId },
      body: { body: "Like this." },
    }),
    expect: { anonymous: 401, learner: 201, provider: 201, admin: 201 },
  }),
  defineEndpoint<{ id: string }>({
    name: "answer a question in another provider's course without enrollment",
    method: "POST",
    path: "/api/qa/questions/[id]/answers",
    handler: async () => (await import("@/app/api/qa/questions/[id]/answers/route.ts")).POST,
    request: async (ctx) => ({
      params: { id: (await qaWorld(ctx, { owner: "other", enrollLearner: false })).questionId },
      body: { body: "Like this." },
    }),
    expect: { anonymous: 401, learner: 403, provider: 403, admin: 201 },
  }),
  defineEndpoint<{ id: string }>({
    name: "upvote a question (participants)",
    method: "POST",
    path: "/api/qa/questions/[id]/vote",
    handler: async () => (await import("@/app/api/qa/questions/[id]/vote/route.ts")).POST,
    request: async (ctx) => ({
      params: { id: (await qaWorld(ctx, { owner: "self", enrollLearner: true })).questionId },
    }),
    expect: { anonymous: 401, learner: 200, provider: 200, admin: 200 },
  }),
  defineEndpoint<{ id: string }>({
    name: "upvote an answer in a course one takes no part in",
    method: "POST",
    path: "/api/qa/answers/[id]/vote",
    handler: async () => (await import("@/app/api/qa/answers/[id]/vote/route.ts")).POST,
    request: async (ctx) => ({
      params: { id: (await qaWorld(ctx, { owner: "other", enrollLearner: false })).answerId },
    }),
    expect: { anonymous: 401, learner: 403, provider: 403, admin: 200 },
  }),
  defineEndpoint<{ id: string }>({
    name: "accept an answer (the course's provider)",
    method: "POST",
    path: "/api/qa/answers/[id]/accept",
    handler: async () => (await import("@/app/api/qa/answers/[id]/accept/route.ts")).POST,
    request: async (ctx) => ({ params: { id: (await qaWorld(ctx, { owner: "self", enrollLearner: true })).answerId } }),
    expect: { anonymous: 401, learner: 403, provider: 200, admin: 200 },
  }),
  defineEndpoint<{ id: string }>({
    name: "accept an answer in another provider's course",
    method: "POST",
    path: "/api/qa/answers/[id]/accept",
    handler: async () => (await import("@/app/api/qa/answers/[id]/accept/route.ts")).POST,
    request: async (ctx) => ({
      params: { id: (await qaWorld(ctx, { owner: "other", enrollLearner: true })).answerId },
    }),
    expect: { anonymous: 401, learner: 403, provider: 403, admin: 200 },
  }),
  defineEndpoint({
    name: "mark one's notifications read",
    method: "POST",
    path: "/api/notifications/read",
    handler: async () => (await import("@/app/api/notifications/read/route.ts")).POST,
    request: () => ({ params: {}, body: {} }),
    expect: { anonymous: 401, learner: 200, provider: 200, admin: 200 },
  }),
  defineEndpoint({
    name: "save one's storefront (providers)",
    method: "PUT",
    path: "/api/studio/storefront",
    handler: async () => (await import("@/app/api/studio/storefront/route.ts")).PUT,
    request: () => {
      n += 1;
      return { params: {}, body: { slug: `store-${Date.now().toString(36)}-${n}`, bio: "Hello", links: [] } };
    },
    expect: { anonymous: 401, learner: 403, provider: 200, admin: 403 },
  }),
];
