/** Authorization matrix rows of the studio, upload and media endpoints (web/src/app/api/{studio,uploads,media}/**). */
import type { PrismaClient } from "@smolitux/db";
import { defineEndpoint, type AuthzEndpoint, type RequestContext } from "../harness.ts";

/** Provider and admin succeed with `ok`; learners 403; anonymous 401. */
const providers = (ok: number) => ({ anonymous: 401, learner: 403, provider: ok, admin: ok });

let n = 0;
/** A course owned by the provider identity (or, for the others, by a fresh provider) with one section and lesson. */
async function fixture(
  ctx: RequestContext,
  opts: { kind?: "TEXT" | "QUIZ" | "FLASHCARDS"; owner?: "self" | "other" } = {},
) {
  const db: PrismaClient = ctx.db;
  const ownerId =
    ctx.identity === "provider" && opts.owner !== "other"
      ? ctx.user!.id
      : (await db.user.create({ data: { name: "owner", roles: ["LEARNER", "PROVIDER"] }, select: { id: true } })).id;
  n += 1;
  const course = await db.course.create({
    data: { slug: `authz-studio-${Date.now()}-${n}`, title: "Authz", providerId: ownerId },
    select: { id: true },
  });
  const section = await db.section.create({
    data: { courseId: course.id, title: "S", position: 0 },
    select: { id: true },
  });
  const second = await db.section.create({
    data: { courseId: course.id, title: "T", position: 1 },
    select: { id: true },
  });
  const lesson = await db.lesson.create({
    data: { sectionId: section.id, title: "L", kind: opts.kind ?? "TEXT", position: 0 },
    select: { id: true },
  });
  await db.coursePrice.create({ data: { courseId: course.id, currency: "EUR", amount: "1999" } });
  return { courseId: course.id, sectionId: section.id, secondId: second.id, lessonId: lesson.id };
}

const meta = { title: "A course", language: "en", level: "BEGINNER", category: "web" };

/** An open upload session of the case's user (none for anonymous/learner: the route refuses them first). */
async function uploadSession(ctx: RequestContext, sizeBytes = 10): Promise<string> {
  if (!ctx.user) return "cnone0000000000000000000";
  const s = await ctx.db.uploadSession.create({
    data: { ownerId: ctx.user.id, filename: "c.vtt", declaredType: "text/vtt", declaredBytes: BigInt(sizeBytes) },
    select: { id: true },
  });
  return s.id;
}

export const studioEndpoints: AuthzEndpoint[] = [
  defineEndpoint({
    name: "create course",
    method: "POST",
    path: "/api/studio/courses",
    handler: async () => (await import("@/app/api/studio/courses/route.ts")).POST,
    request: () => ({ params: {}, body: meta }),
    expect: providers(201),
  }),
  defineEndpoint<{ id: string }>({
    name: "edit own course",
    method: "PUT",
    path: "/api/studio/courses/[id]",
    handler: async () => (await import("@/app/api/studio/courses/[id]/route.ts")).PUT,
    request: async (ctx) => ({ params: { id: (await fixture(ctx)).courseId }, body: meta }),
    expect: providers(200),
  }),
  defineEndpoint<{ id: string }>({
    name: "edit another provider's course",
    method: "PUT",
    path: "/api/studio/courses/[id]",
    handler: async () => (await import("@/app/api/studio/courses/[id]/route.ts")).PUT,
    request: async (ctx) => ({ params: { id: (await fixture(ctx, { owner: "other" })).courseId }, body: meta }),
    expect: { anonymous: 401, learner: 403, provider: 403, admin: 200 },
  }),
  defineEndpoint<{ id: string }>({
    name: "delete course",
    method: "DELETE",
    path: "/api/studio/courses/[id]",
    handler: async () => (await import("@/app/api/studio/courses/[id]/route.ts")).DELETE,
    request: async (ctx) => ({ params: { id: (await fixture(ctx)).courseId } }),
    expect: providers(204),
  }),
  defineEndpoint<{ id: string }>({
    name: "add section",
    method: "POST",
    path: "/api/studio/courses/[id]/sections",
    handler: async () => (await import("@/app/api/studio/courses/[id]/sections/route.ts")).POST,
    request: async (ctx) => ({ params: { id: (await fixture(ctx)).courseId }, body: { title: "New" } }),
    expect: providers(201),
  }),
  defineEndpoint<{ id: string }>({
    name: "reorder sections",
    method: "PUT",
    path: "/api/studio/courses/[id]/sections/order",
    handler: async () => (await import("@/app/api/studio/courses/[id]/sections/order/route.ts")).PUT,
    request: async (ctx) => {
      const f = await fixture(ctx);
      return { params: { id: f.courseId }, body: { ids: [f.secondId, f.sectionId] } };
    },
    expect: providers(200),
  }),
  defineEndpoint<{ id: string }>({
    name: "set pricing",
    method: "PUT",
    path: "/api/studio/courses/[id]/pricing",
    handler: async () => (await import("@/app/api/studio/courses/[id]/pricing/route.ts")).PUT,
    request: async (ctx) => ({
      params: { id: (await fixture(ctx)).courseId },
      body: { isFree: false, prices: { EUR: "19.99", USD: "21.99" }, refundWindowDays: 14 },
    }),
    expect: providers(200),
  }),
  ...(
    [
      ["publish", async () => (await import("@/app/api/studio/courses/[id]/publish/route.ts")).POST],
      ["unpublish", async () => (await import("@/app/api/studio/courses/[id]/unpublish/route.ts")).POST],
      ["archive", async () => (await import("@/app/api/studio/courses/[id]/archive/route.ts")).POST],
    ] as const
  ).map(([action, handler]) =>
    defineEndpoint<{ id: string }>({
      name: `${action} course`,
      method: "POST",
      path: `/api/studio/courses/[id]/${action}`,
      handler,
      request: async (ctx) => ({ params: { id: (await fixture(ctx)).courseId } }),
      expect: providers(200),
    }),
  ),
  defineEndpoint<{ id: string }>({
    name: "rename section",
    method: "PATCH",
    path: "/api/studio/sections/[id]",
    handler: async () => (await import("@/app/api/studio/sections/[id]/route.ts")).PATCH,
    request: async (ctx) => ({ params: { id: (await fixture(ctx)).sectionId }, body: { title: "Renamed" } }),
    expect: providers(200),
  }),
  defineEndpoint<{ id: string }>({
    name: "delete section",
    method: "DELETE",
    path: "/api/studio/sections/[id]",
    handler: async () => (await import("@/app/api/studio/sections/[id]/route.ts")).DELETE,
    request: async (ctx) => ({ params: { id: (await fixture(ctx)).sectionId } }),
    expect: providers(204),
  }),
  defineEndpoint<{ id: string }>({
    name: "move section",
    method: "POST",
    path: "/api/studio/sections/[id]/move",
    handler: async () => (await import("@/app/api/studio/sections/[id]/move/route.ts")).POST,
    request: async (ctx) => ({ params: { id: (await fixture(ctx)).secondId }, body: { delta: -1 } }),
    expect: providers(200),
  }),
  defineEndpoint<{ id: string }>({
    name: "add lesson",
    method: "POST",
    path: "/api/studio/sections/[id]/lessons",
    handler: async () => (await import("@/app/api/studio/sections/[id]/lessons/route.ts")).POST,
    request: async (ctx) => ({ params: { id: (await fixture(ctx)).sectionId }, body: { title: "L2", kind: "VIDEO" } }),
    expect: providers(201),
  }),
  defineEndpoint<{ id: string }>({
    name: "reorder lessons",
    method: "PUT",
    path: "/api/studio/sections/[id]/lessons/order",
    handler: async () => (await import("@/app/api/studio/sections/[id]/lessons/order/route.ts")).PUT,
    request: async (ctx) => {
      const f = await fixture(ctx);
      return { params: { id: f.sectionId }, body: { ids: [f.lessonId] } };
    },
    expect: providers(200),
  }),
  defineEndpoint<{ id: string }>({
    name: "edit lesson",
    method: "PATCH",
    path: "/api/studio/lessons/[id]",
    handler: async () => (await import("@/app/api/studio/lessons/[id]/route.ts")).PATCH,
    request: async (ctx) => ({
      params: { id: (await fixture(ctx)).lessonId },
      body: { body: "# Text", isPreview: true },
    }),
    expect: providers(200),
  }),
  defineEndpoint<{ id: string }>({
    name: "delete lesson",
    method: "DELETE",
    path: "/api/studio/lessons/[id]",
    handler: async () => (await import("@/app/api/studio/lessons/[id]/route.ts")).DELETE,
    request: async (ctx) => ({ params: { id: (await fixture(ctx)).lessonId } }),
    expect: providers(204),
  }),
  defineEndpoint<{ id: string }>({
    name: "move lesson",
    method: "POST",
    path: "/api/studio/lessons/[id]/move",
    handler: async () => (await import("@/app/api/studio/lessons/[id]/move/route.ts")).POST,
    request: async (ctx) => ({ params: { id: (await fixture(ctx)).lessonId }, body: { delta: 1 } }),
    expect: providers(200),
  }),
  defineEndpoint<{ id: string }>({
    name: "save quiz",
    method: "PUT",
    path: "/api/studio/lessons/[id]/quiz",
    handler: async () => (await import("@/app/api/studio/lessons/[id]/quiz/route.ts")).PUT,
    request: async (ctx) => ({
      params: { id: (await fixture(ctx, { kind: "QUIZ" })).lessonId },
      body: {
        passMarkPercent: 70,
        questions: [
          {
            prompt: "?",
            multiple: false,
            options: [
              { text: "a", correct: true },
              { text: "b", correct: false },
            ],
          },
        ],
      },
    }),
    expect: providers(200),
  }),
  defineEndpoint<{ id: string }>({
    name: "save flashcards",
    method: "PUT",
    path: "/api/studio/lessons/[id]/flashcards",
    handler: async () => (await import("@/app/api/studio/lessons/[id]/flashcards/route.ts")).PUT,
    request: async (ctx) => ({
      params: { id: (await fixture(ctx, { kind: "FLASHCARDS" })).lessonId },
      body: { cards: [{ front: "f", back: "b" }] },
    }),
    expect: providers(200),
  }),
  defineEndpoint({
    name: "open upload",
    method: "POST",
    path: "/api/uploads",
    handler: async () => (await import("@/app/api/uploads/route.ts")).POST,
    request: () => ({ params: {}, body: { filename: "c.vtt", type: "text/vtt", sizeBytes: 100 } }),
    expect: providers(201),
  }),
  defineEndpoint<{ id: string }>({
    name: "abort upload",
    method: "DELETE",
    path: "/api/uploads/[id]",
    handler: async () => (await import("@/app/api/uploads/[id]/route.ts")).DELETE,
    request: async (ctx) => ({ params: { id: await uploadSession(ctx) } }),
    expect: providers(204),
  }),
  defineEndpoint<{ id: string }>({
    name: "complete an incomplete upload",
    method: "POST",
    path: "/api/uploads/[id]/complete",
    handler: async () => (await import("@/app/api/uploads/[id]/complete/route.ts")).POST,
    request: async (ctx) => ({ params: { id: await uploadSession(ctx) } }),
    expect: providers(409),
  }),
  defineEndpoint<{ id: string }>({
    name: "read listing progress",
    method: "GET",
    path: "/api/studio/courses/[id]/listings",
    handler: async () => (await import("@/app/api/studio/courses/[id]/listings/route.ts")).GET,
    request: async (ctx) => ({ params: { id: (await fixture(ctx)).courseId } }),
    expect: providers(200),
  }),
  defineEndpoint({
    name: "markdown preview",
    method: "POST",
    path: "/api/studio/markdown",
    handler: async () => (await import("@/app/api/studio/markdown/route.ts")).POST,
    request: () => ({ params: {}, body: { markdown: "# Title\n\n*text* ![x](https://tracker.example/p.gif)" } }),
    expect: providers(200),
  }),
  defineEndpoint<{ id: string }>({
    name: "upload a chunk whose range does not fit the upload",
    method: "PUT",
    path: "/api/uploads/[id]",
    handler: async () => (await import("@/app/api/uploads/[id]/route.ts")).PUT,
    request: async (ctx) => ({
      params: { id: await uploadSession(ctx) },
      headers: { "content-range": "bytes 0-4/99" },
      raw: { body: "WEBVT", contentType: "application/octet-stream" },
    }),
    expect: providers(400),
  }),
];
