/**
 * Authorization matrix rows of issue 14's community features: lesson translations (studio), the learner's content
 * language.
 */
import type { PrismaClient } from "@smolitux/db";
import { defineEndpoint, type AuthzEndpoint, type RequestContext } from "../harness.ts";

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
];
