/** Authorization matrix rows of the learning and review endpoints (web/src/app/api/{learning,reviews}/**). */
import { createCourse, type CourseFixture } from "@/features/learning/testing/fixtures.ts";
import { defineEndpoint, type AuthzEndpoint, type RequestContext } from "../harness.ts";

/**
 * A course for the case: owned by the provider identity (else by a fresh provider); the learner identity
 * is enrolled when `enrollLearner` (and has a completed lesson when `completed`).
 */
async function course(
  ctx: RequestContext,
  opts: { enrollLearner: boolean; completed?: boolean } = { enrollLearner: true },
): Promise<CourseFixture> {
  const own = ctx.identity === "provider" && opts.enrollLearner;
  const c = await createCourse(ctx.db, own && ctx.user ? { providerId: ctx.user.id } : {});
  if (ctx.user && ctx.identity === "learner" && opts.enrollLearner) {
    await ctx.db.enrollment.create({ data: { userId: ctx.user.id, courseId: c.courseId, source: "FREE" } });
    if (opts.completed) {
      await ctx.db.lessonProgress.create({ data: { userId: ctx.user.id, lessonId: c.text, completedAt: new Date() } });
    }
  }
  if (ctx.user) {
    // the user has opened the reading lessons ("mark as done" requires it)
    await ctx.db.lessonProgress.createMany({
      data: [c.text, c.preview].map((lessonId) => ({ userId: ctx.user!.id, lessonId })),
      skipDuplicates: true,
    });
  }
  return c;
}

const access = (ok: number) => ({ anonymous: 401, learner: ok, provider: ok, admin: ok });
const adminOnly = (ok: number) => ({ anonymous: 401, learner: 403, provider: 403, admin: ok });

type LessonParams = { lessonId: string };

export const learningEndpoints: AuthzEndpoint[] = [
  defineEndpoint<LessonParams>({
    name: "mark lesson done (enrolled learner, own course, admin)",
    method: "POST",
    path: "/api/learning/lessons/[lessonId]/complete",
    handler: async () => (await import("@/app/api/learning/lessons/[lessonId]/complete/route.ts")).POST,
    request: async (ctx) => ({ params: { lessonId: (await course(ctx)).text } }),
    expect: access(200),
  }),
  defineEndpoint<LessonParams>({
    name: "mark lesson done without access",
    method: "POST",
    path: "/api/learning/lessons/[lessonId]/complete",
    handler: async () => (await import("@/app/api/learning/lessons/[lessonId]/complete/route.ts")).POST,
    request: async (ctx) => ({ params: { lessonId: (await course(ctx, { enrollLearner: false })).text } }),
    expect: adminOnly(200),
  }),
  defineEndpoint<LessonParams>({
    name: "mark a free-preview lesson done without enrollment",
    method: "POST",
    path: "/api/learning/lessons/[lessonId]/complete",
    handler: async () => (await import("@/app/api/learning/lessons/[lessonId]/complete/route.ts")).POST,
    request: async (ctx) => ({ params: { lessonId: (await course(ctx, { enrollLearner: false })).preview } }),
    expect: adminOnly(200),
  }),
  defineEndpoint<LessonParams>({
    name: "report video progress",
    method: "POST",
    path: "/api/learning/lessons/[lessonId]/progress",
    handler: async () => (await import("@/app/api/learning/lessons/[lessonId]/progress/route.ts")).POST,
    request: async (ctx) => ({ params: { lessonId: (await course(ctx)).video }, body: { positionSeconds: 5 } }),
    expect: access(200),
  }),
  defineEndpoint<LessonParams>({
    name: "report video progress without access",
    method: "POST",
    path: "/api/learning/lessons/[lessonId]/progress",
    handler: async () => (await import("@/app/api/learning/lessons/[lessonId]/progress/route.ts")).POST,
    request: async (ctx) => ({
      params: { lessonId: (await course(ctx, { enrollLearner: false })).video },
      body: { positionSeconds: 5 },
    }),
    expect: adminOnly(200),
  }),
  defineEndpoint<LessonParams>({
    name: "submit quiz",
    method: "POST",
    path: "/api/learning/lessons/[lessonId]/quiz",
    handler: async () => (await import("@/app/api/learning/lessons/[lessonId]/quiz/route.ts")).POST,
    request: async (ctx) => {
      const c = await course(ctx);
      return { params: { lessonId: c.quiz }, body: { answers: { [c.q1]: [c.q1b] } } };
    },
    expect: access(201),
  }),
  defineEndpoint<LessonParams>({
    name: "submit quiz without access",
    method: "POST",
    path: "/api/learning/lessons/[lessonId]/quiz",
    handler: async () => (await import("@/app/api/learning/lessons/[lessonId]/quiz/route.ts")).POST,
    request: async (ctx) => {
      const c = await course(ctx, { enrollLearner: false });
      return { params: { lessonId: c.quiz }, body: { answers: { [c.q1]: [c.q1b] } } };
    },
    expect: adminOnly(201),
  }),
  defineEndpoint<{ flashcardId: string }>({
    name: "review flashcard",
    method: "POST",
    path: "/api/learning/flashcards/[flashcardId]/review",
    handler: async () => (await import("@/app/api/learning/flashcards/[flashcardId]/review/route.ts")).POST,
    request: async (ctx) => ({ params: { flashcardId: (await course(ctx)).cards[0] }, body: { grade: "good" } }),
    expect: access(200),
  }),
  defineEndpoint<{ flashcardId: string }>({
    name: "review flashcard without access",
    method: "POST",
    path: "/api/learning/flashcards/[flashcardId]/review",
    handler: async () => (await import("@/app/api/learning/flashcards/[flashcardId]/review/route.ts")).POST,
    request: async (ctx) => ({
      params: { flashcardId: (await course(ctx, { enrollLearner: false })).cards[0] },
      body: { grade: "good" },
    }),
    expect: adminOnly(200),
  }),
  defineEndpoint<{ slug: string }>({
    name: "write a course review (enrolled learner with a completed lesson only)",
    method: "PUT",
    path: "/api/reviews/courses/[slug]",
    handler: async () => (await import("@/app/api/reviews/courses/[slug]/route.ts")).PUT,
    request: async (ctx) => ({
      params: { slug: (await course(ctx, { enrollLearner: true, completed: true })).slug },
      body: { rating: 4, body: "Clear and useful." },
    }),
    // provider: own course; admin: not enrolled
    expect: { anonymous: 401, learner: 201, provider: 403, admin: 403 },
  }),
  defineEndpoint<{ id: string }>({
    name: "reply to a review (that course's provider only)",
    method: "PUT",
    path: "/api/reviews/[id]/reply",
    handler: async () => (await import("@/app/api/reviews/[id]/reply/route.ts")).PUT,
    request: async (ctx) => {
      const c = await course(ctx);
      const reviewer = await ctx.db.user.create({ data: { name: "Reviewer" }, select: { id: true } });
      const review = await ctx.db.review.create({
        data: { courseId: c.courseId, userId: reviewer.id, rating: 5 },
        select: { id: true },
      });
      return { params: { id: review.id }, body: { reply: "Thank you!" } };
    },
    expect: { anonymous: 401, learner: 403, provider: 200, admin: 403 },
  }),
];
