/**
 * Authorization matrix rows of the read routes (GET) — public ones (everybody the same answer), per-account ones
 * (401 anonymous), provider/studio ones and school ones — so that every API route is in the matrix and in the
 * malformed-input fuzz test (coverage.test.ts checks that no route is left out).
 */
import { randomBytes } from "node:crypto";
import type { PrismaClient } from "@smolitux/db";
import { defineEndpoint, type AuthzEndpoint, type RequestContext } from "../harness.ts";

const tag = () => randomBytes(4).toString("hex");
const all = (status: number) => ({ anonymous: status, learner: status, provider: status, admin: status });
const signedIn = (status: number) => ({ anonymous: 401, learner: status, provider: status, admin: status });
/** Provider and admin succeed with `ok`; learners 403; anonymous 401 (the studio's rule). */
const providers = (ok: number) => ({ anonymous: 401, learner: 403, provider: ok, admin: ok });
/** School administration: the matrix's admin (PLATFORM_ADMIN) only. */
const schoolAdmin = (ok: number) => ({ anonymous: 401, learner: 403, provider: 403, admin: ok });

/** The provider identity's id, else a fresh provider's. */
async function ownerOf(ctx: RequestContext): Promise<string> {
  if (ctx.identity === "provider") return ctx.user!.id;
  return (await ctx.db.user.create({ data: { name: "owner", roles: ["LEARNER", "PROVIDER"] }, select: { id: true } }))
    .id;
}

/** A published course of the provider identity (else of a fresh provider) with one TEXT lesson. */
async function publishedCourse(ctx: RequestContext, opts: { preview?: boolean } = {}) {
  const db: PrismaClient = ctx.db;
  const course = await db.course.create({
    data: { slug: `authz-read-${tag()}`, title: "Read", providerId: await ownerOf(ctx), status: "PUBLISHED" },
    select: { id: true, slug: true },
  });
  const section = await db.section.create({ data: { courseId: course.id, title: "S", position: 0 } });
  const lesson = await db.lesson.create({
    data: { sectionId: section.id, title: "L", kind: "TEXT", position: 0, isPreview: opts.preview ?? false },
    select: { id: true },
  });
  return { courseId: course.id, slug: course.slug, lessonId: lesson.id };
}

/** A class of another teacher with one pupil and, when asked, a published course assigned. */
async function classOfOther(ctx: RequestContext) {
  const teacher = await ctx.db.user.create({ data: { username: `t-${tag()}`, roles: ["LEARNER", "TEACHER"] } });
  const klass = await ctx.db.schoolClass.create({ data: { name: `c-${tag()}`, teacherId: teacher.id } });
  return klass.id;
}

export const readEndpoints: AuthzEndpoint[] = [
  // Public reads: the same answer for everybody.
  defineEndpoint({
    name: "catalog search",
    method: "GET",
    path: "/api/courses",
    handler: async () => (await import("@/app/api/courses/route.ts")).GET,
    request: () => ({ params: {}, query: { q: "git", sort: "newest" } }),
    expect: all(200),
  }),
  defineEndpoint<{ slug: string }>({
    name: "a published course",
    method: "GET",
    path: "/api/courses/[slug]",
    handler: async () => (await import("@/app/api/courses/[slug]/route.ts")).GET,
    request: async (ctx) => ({ params: { slug: (await publishedCourse(ctx)).slug } }),
    expect: all(200),
  }),
  defineEndpoint<{ slug: string }>({
    name: "reviews of a published course",
    method: "GET",
    path: "/api/reviews/courses/[slug]",
    handler: async () => (await import("@/app/api/reviews/courses/[slug]/route.ts")).GET,
    request: async (ctx) => ({ params: { slug: (await publishedCourse(ctx)).slug } }),
    expect: all(200),
  }),
  defineEndpoint({
    name: "liveness probe",
    method: "GET",
    path: "/api/health",
    handler: async () => (await import("@/app/api/health/route.ts")).GET,
    request: () => ({ params: {}, query: { probe: "live" } }),
    expect: all(200),
    notFuzzed:
      "any other `probe` is the full readiness check, which answers 503 while a dependency (here: the chain) is down",
  }),
  defineEndpoint({
    name: "metrics without the configured bearer token (disabled here: no METRICS_TOKEN)",
    method: "GET",
    path: "/api/metrics",
    handler: async () => (await import("@/app/api/metrics/route.ts")).GET,
    expect: all(404),
  }),
  defineEndpoint<{ cid: string }>({
    name: "certificate metadata of an unknown CID",
    method: "GET",
    path: "/api/metadata/[cid]",
    handler: async () => (await import("@/app/api/metadata/[cid]/route.ts")).GET,
    request: () => ({ params: { cid: "bafkreigh2akiscaildcqabsyg3dfr6chu3fgpregiymsck7e7aqa4s52zy" } }),
    expect: all(404),
  }),
  defineEndpoint<{ id: string }>({
    name: "a certificate's public verification",
    method: "GET",
    path: "/api/certificates/[id]/verify",
    handler: async () => (await import("@/app/api/certificates/[id]/verify/route.ts")).GET,
    request: async (ctx) => {
      const { courseId } = await publishedCourse(ctx);
      const learner = await ctx.db.user.create({ data: { roles: ["LEARNER"] } });
      const cert = await ctx.db.certificate.create({
        data: { userId: learner.id, courseId, status: "CLAIMABLE", credential: { id: "urn:test" } },
      });
      return { params: { id: cert.id } };
    },
    expect: all(200),
  }),
  defineEndpoint<{ id: string }>({
    name: "a provider's picture",
    method: "GET",
    path: "/api/users/[id]/avatar",
    handler: async () => (await import("@/app/api/users/[id]/avatar/route.ts")).GET,
    request: async (ctx) => {
      const u = await ctx.db.user.create({ data: { avatar: Buffer.from("RIFF0000WEBP") }, select: { id: true } });
      return { params: { id: u.id } };
    },
    expect: all(200),
  }),
  ...(["GET", "HEAD"] as const).map((method) =>
    defineEndpoint<{ version: string }>({
      name: `pdf.js' worker of the installed version (${method}; public: preview PDF lessons need it)`,
      method,
      path: "/api/pdfjs/[version]/worker.mjs",
      handler: async () => (await import("@/app/api/pdfjs/[version]/worker.mjs/route.ts"))[method],
      request: async () => ({ params: { version: (await import("@/server/pdf-worker.ts")).PDFJS_VERSION } }),
      expect: all(200),
    }),
  ),
  defineEndpoint({
    name: "the school logo",
    method: "GET",
    path: "/api/school/logo",
    handler: async () => (await import("@/app/api/school/logo/route.ts")).GET,
    request: async (ctx) => {
      const logo = { logo: Buffer.from(PNG), logoMimeType: "image/png" };
      await ctx.db.schoolSettings.upsert({
        where: { id: "school" },
        create: { id: "school", name: "S", ...logo },
        update: logo,
      });
      return { params: {} };
    },
    expect: all(200),
  }),
  defineEndpoint({
    name: "notifications (signed out: none)",
    method: "GET",
    path: "/api/notifications",
    handler: async () => (await import("@/app/api/notifications/route.ts")).GET,
    expect: all(200),
  }),
  // A lesson: the player data of a non-preview lesson needs an enrollment (the owner and admins see it).
  defineEndpoint<{ lessonId: string }>({
    name: "a lesson of a course the learner is not enrolled in",
    method: "GET",
    path: "/api/learning/lessons/[lessonId]",
    handler: async () => (await import("@/app/api/learning/lessons/[lessonId]/route.ts")).GET,
    request: async (ctx) => ({ params: { lessonId: (await publishedCourse(ctx)).lessonId } }),
    expect: { anonymous: 401, learner: 403, provider: 200, admin: 200 },
  }),
  defineEndpoint<{ lessonId: string }>({
    name: "questions of a lesson the learner is not enrolled in",
    method: "GET",
    path: "/api/qa/lessons/[lessonId]/questions",
    handler: async () => (await import("@/app/api/qa/lessons/[lessonId]/questions/route.ts")).GET,
    request: async (ctx) => ({ params: { lessonId: (await publishedCourse(ctx)).lessonId } }),
    expect: { anonymous: 401, learner: 403, provider: 200, admin: 200 },
  }),
  // The signed-in account's own data.
  defineEndpoint({
    name: "the account",
    method: "GET",
    path: "/api/auth/account",
    handler: async () => (await import("@/app/api/auth/account/route.ts")).GET,
    expect: signedIn(200),
  }),
  defineEndpoint({
    name: "Q&A mail preference of the account",
    method: "PUT",
    path: "/api/auth/account/notifications",
    handler: async () => (await import("@/app/api/auth/account/notifications/route.ts")).PUT,
    request: () => ({ params: {}, body: { qaMail: false } }),
    expect: signedIn(204),
  }),
  defineEndpoint({
    name: "my certificates",
    method: "GET",
    path: "/api/certificates",
    handler: async () => (await import("@/app/api/certificates/route.ts")).GET,
    expect: signedIn(200),
  }),
  defineEndpoint({
    name: "my enrollments",
    method: "GET",
    path: "/api/enrollments/me",
    handler: async () => (await import("@/app/api/enrollments/me/route.ts")).GET,
    expect: signedIn(200),
  }),
  defineEndpoint({
    name: "my courses with progress",
    method: "GET",
    path: "/api/learning/me",
    handler: async () => (await import("@/app/api/learning/me/route.ts")).GET,
    expect: signedIn(200),
  }),
  defineEndpoint<{ id: string }>({
    name: "the file of a foreign provider's private media (HEAD rows: media.ts)",
    method: "GET",
    path: "/api/media/[id]",
    handler: async () => (await import("@/app/api/media/[id]/route.ts")).GET,
    request: async (ctx) => {
      const owner = await ctx.db.user.create({ data: { roles: ["LEARNER", "PROVIDER"] } });
      const a = await ctx.db.mediaAsset.create({
        data: {
          ownerId: owner.id,
          driver: "FS",
          key: `authz/missing-${tag()}.mp4`,
          mimeType: "video/mp4",
          sizeBytes: 10n,
          sha256: "ab".repeat(32),
        },
        select: { id: true },
      });
      return { params: { id: a.id } };
    },
    expect: { anonymous: 401, learner: 403, provider: 403, admin: 404 },
  }),
  defineEndpoint({
    name: "status of an unknown card checkout",
    method: "GET",
    path: "/api/checkout/card/status",
    handler: async () => (await import("@/app/api/checkout/card/status/route.ts")).GET,
    request: () => ({ params: {}, query: { session_id: `cs_test_${tag()}` } }),
    expect: signedIn(404),
  }),
  defineEndpoint<{ slug: string }>({
    name: "course pack of a bought course (packs are for school admins)",
    method: "GET",
    path: "/api/courses/[slug]/pack",
    handler: async () => (await import("@/app/api/courses/[slug]/pack/route.ts")).GET,
    request: async (ctx) => {
      const course = await publishedCourse(ctx);
      if (ctx.user)
        await ctx.db.enrollment.create({ data: { userId: ctx.user.id, courseId: course.courseId, source: "CARD" } });
      return { params: { slug: course.slug } };
    },
    expect: { anonymous: 401, learner: 403, provider: 403, admin: 200 },
  }),
  // Providers (studio, earnings, access codes).
  defineEndpoint({
    name: "earnings while the chain cannot be reached (503, not 500)",
    method: "GET",
    path: "/api/earnings",
    handler: async () => (await import("@/app/api/earnings/route.ts")).GET,
    expect: { anonymous: 401, learner: 403, provider: 503, admin: 403 },
  }),
  defineEndpoint({
    name: "my storefront",
    method: "GET",
    path: "/api/studio/storefront",
    handler: async () => (await import("@/app/api/studio/storefront/route.ts")).GET,
    expect: { anonymous: 401, learner: 403, provider: 200, admin: 403 },
  }),
  defineEndpoint({
    name: "access codes of an own course",
    method: "GET",
    path: "/api/access-codes",
    handler: async () => (await import("@/app/api/access-codes/route.ts")).GET,
    request: async (ctx) => ({ params: {}, query: { courseId: (await publishedCourse(ctx)).courseId } }),
    expect: providers(200),
  }),
  defineEndpoint({
    name: "my studio courses",
    method: "GET",
    path: "/api/studio/courses",
    handler: async () => (await import("@/app/api/studio/courses/route.ts")).GET,
    expect: providers(200),
  }),
  defineEndpoint<{ id: string }>({
    name: "a studio course",
    method: "GET",
    path: "/api/studio/courses/[id]",
    handler: async () => (await import("@/app/api/studio/courses/[id]/route.ts")).GET,
    request: async (ctx) => ({ params: { id: (await publishedCourse(ctx)).courseId } }),
    expect: providers(200),
  }),
  defineEndpoint<{ id: string }>({
    name: "course pack export from the studio",
    method: "GET",
    path: "/api/studio/courses/[id]/pack",
    handler: async () => (await import("@/app/api/studio/courses/[id]/pack/route.ts")).GET,
    request: async (ctx) => ({ params: { id: (await publishedCourse(ctx)).courseId } }),
    expect: providers(200),
  }),
  defineEndpoint<{ id: string }>({
    name: "a lesson's translations",
    method: "GET",
    path: "/api/studio/lessons/[id]/translations",
    handler: async () => (await import("@/app/api/studio/lessons/[id]/translations/route.ts")).GET,
    request: async (ctx) => ({ params: { id: (await publishedCourse(ctx)).lessonId } }),
    expect: providers(200),
  }),
  defineEndpoint<{ id: string }>({
    name: "an own upload session",
    method: "GET",
    path: "/api/uploads/[id]",
    handler: async () => (await import("@/app/api/uploads/[id]/route.ts")).GET,
    request: async (ctx) => ({ params: { id: await uploadSession(ctx) } }),
    expect: providers(200),
  }),
  // School administration.
  defineEndpoint({
    name: "classes",
    method: "GET",
    path: "/api/school/classes",
    handler: async () => (await import("@/app/api/school/classes/route.ts")).GET,
    expect: schoolAdmin(200),
  }),
  defineEndpoint<{ id: string }>({
    name: "another teacher's class",
    method: "GET",
    path: "/api/school/classes/[id]",
    handler: async () => (await import("@/app/api/school/classes/[id]/route.ts")).GET,
    request: async (ctx) => ({ params: { id: await classOfOther(ctx) } }),
    expect: schoolAdmin(200),
  }),
  defineEndpoint<{ id: string }>({
    name: "progress of another teacher's class in a course",
    method: "GET",
    path: "/api/school/classes/[id]/progress",
    handler: async () => (await import("@/app/api/school/classes/[id]/progress/route.ts")).GET,
    request: async (ctx) => {
      const classId = await classOfOther(ctx);
      const { courseId } = await publishedCourse(ctx);
      await ctx.db.classCourse.create({ data: { classId, courseId } });
      return { params: { id: classId }, query: { courseId, format: "json" } };
    },
    expect: schoolAdmin(200),
  }),
  defineEndpoint({
    name: "trusted course-pack publishers",
    method: "GET",
    path: "/api/school/publishers",
    handler: async () => (await import("@/app/api/school/publishers/route.ts")).GET,
    expect: schoolAdmin(200),
  }),
  defineEndpoint({
    name: "course packs in the packs folder",
    method: "GET",
    path: "/api/school/packs/folder",
    handler: async () => (await import("@/app/api/school/packs/folder/route.ts")).GET,
    expect: schoolAdmin(200),
  }),
];

/** An open upload session of the case's user (an id that exists nowhere for anonymous). */
async function uploadSession(ctx: RequestContext): Promise<string> {
  if (!ctx.user) return "cnone0000000000000000000";
  const s = await ctx.db.uploadSession.create({
    data: { ownerId: ctx.user.id, filename: "c.vtt", declaredType: "text/vtt", declaredBytes: 10n },
    select: { id: true },
  });
  return s.id;
}

/** A 1×1 PNG. */
export const PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==",
  "base64",
);
