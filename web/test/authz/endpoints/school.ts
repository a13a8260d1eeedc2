/**
 * Authorization matrix rows of the school API (features/school, features/packs). The matrix's admin is a
 * PLATFORM_ADMIN, who has every school-admin right; teacher-only rules (own classes, own pupils) are covered by
 * src/features/school/school.test.ts.
 */
import { randomBytes } from "node:crypto";
import { defineEndpoint, type AuthzEndpoint, type RequestContext } from "../harness.ts";
import { PNG } from "./reads.ts";

const tag = () => randomBytes(4).toString("hex");

/** A class of another teacher with one pupil. */
async function classWithPupil(ctx: RequestContext) {
  const teacher = await ctx.db.user.create({ data: { username: `t-${tag()}`, roles: ["LEARNER", "TEACHER"] } });
  const pupil = await ctx.db.user.create({ data: { username: `p-${tag()}`, roles: ["LEARNER"] } });
  const klass = await ctx.db.schoolClass.create({
    data: { name: `c-${tag()}`, teacherId: teacher.id, members: { create: [{ userId: pupil.id }] } },
  });
  return { classId: klass.id, pupilId: pupil.id };
}

/** A published course (of a fresh provider). */
async function publishedCourse(ctx: RequestContext) {
  const provider = await ctx.db.user.create({ data: { roles: ["LEARNER", "PROVIDER"] } });
  return ctx.db.course.create({
    data: { slug: `authz-school-${tag()}`, title: "School", providerId: provider.id, status: "PUBLISHED" },
    select: { id: true, slug: true },
  });
}

const DID = "did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK";

export const schoolEndpoints: AuthzEndpoint[] = [
  defineEndpoint({
    name: "create a class",
    method: "POST",
    path: "/api/school/classes",
    handler: async () => (await import("@/app/api/school/classes/route.ts")).POST,
    request: async () => ({ params: {}, body: { name: `Class ${tag()}` } }),
    expect: { anonymous: 401, learner: 403, provider: 403, admin: 201 },
  }),
  defineEndpoint<{ id: string }>({
    name: "create pupils in another teacher's class",
    method: "POST",
    path: "/api/school/classes/[id]/pupils",
    handler: async () => (await import("@/app/api/school/classes/[id]/pupils/route.ts")).POST,
    request: async (ctx) => {
      const f = await classWithPupil(ctx);
      return { params: { id: f.classId }, body: { pupils: [{ name: "New pupil", username: `n-${tag()}` }] } };
    },
    expect: { anonymous: 401, learner: 403, provider: 403, admin: 201 },
  }),
  defineEndpoint<{ id: string }>({
    name: "reset a pupil's password",
    method: "POST",
    path: "/api/school/users/[id]/password",
    handler: async () => (await import("@/app/api/school/users/[id]/password/route.ts")).POST,
    request: async (ctx) => ({ params: { id: (await classWithPupil(ctx)).pupilId } }),
    expect: { anonymous: 401, learner: 403, provider: 403, admin: 200 },
  }),
  defineEndpoint<{ id: string; userId: string }>({
    name: "remove a pupil from another teacher's class",
    method: "DELETE",
    path: "/api/school/classes/[id]/pupils/[userId]",
    handler: async () => (await import("@/app/api/school/classes/[id]/pupils/[userId]/route.ts")).DELETE,
    request: async (ctx) => {
      const f = await classWithPupil(ctx);
      return { params: { id: f.classId, userId: f.pupilId } };
    },
    expect: { anonymous: 401, learner: 403, provider: 403, admin: 204 },
  }),
  defineEndpoint<{ id: string; userId: string }>({
    name: "move a pupil between other teachers' classes",
    method: "POST",
    path: "/api/school/classes/[id]/pupils/[userId]/move",
    handler: async () => (await import("@/app/api/school/classes/[id]/pupils/[userId]/move/route.ts")).POST,
    request: async (ctx) => {
      const f = await classWithPupil(ctx);
      const target = await classWithPupil(ctx);
      return { params: { id: f.classId, userId: f.pupilId }, body: { toClassId: target.classId } };
    },
    expect: { anonymous: 401, learner: 403, provider: 403, admin: 200 },
  }),
  defineEndpoint<{ id: string }>({
    name: "deactivate a pupil's account",
    method: "PUT",
    path: "/api/school/users/[id]/active",
    handler: async () => (await import("@/app/api/school/users/[id]/active/route.ts")).PUT,
    request: async (ctx) => ({ params: { id: (await classWithPupil(ctx)).pupilId }, body: { active: false } }),
    expect: { anonymous: 401, learner: 403, provider: 403, admin: 200 },
  }),
  defineEndpoint({
    name: "create a teacher account",
    method: "POST",
    path: "/api/school/teachers",
    handler: async () => (await import("@/app/api/school/teachers/route.ts")).POST,
    request: async () => ({
      params: {},
      body: { name: "Teacher", username: `teacher-${tag()}`, password: "long enough password" },
    }),
    expect: { anonymous: 401, learner: 403, provider: 403, admin: 201 },
  }),
  defineEndpoint({
    name: "set the school branding",
    method: "PUT",
    path: "/api/school/branding",
    handler: async () => (await import("@/app/api/school/branding/route.ts")).PUT,
    request: async () => ({ params: {}, body: { name: "School", primaryColor: "#112233", accentColor: "#445566" } }),
    expect: { anonymous: 401, learner: 403, provider: 403, admin: 200 },
  }),
  defineEndpoint({
    name: "trust a course-pack publisher key",
    method: "POST",
    path: "/api/school/publishers",
    handler: async () => (await import("@/app/api/school/publishers/route.ts")).POST,
    request: async () => ({
      params: {},
      body: { did: "did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK", name: "Publisher" },
    }),
    expect: { anonymous: 401, learner: 403, provider: 403, admin: 201 },
  }),
  defineEndpoint<{ id: string }>({
    name: "assign a course to another teacher's class",
    method: "POST",
    path: "/api/school/classes/[id]/courses",
    handler: async () => (await import("@/app/api/school/classes/[id]/courses/route.ts")).POST,
    request: async (ctx) => ({
      params: { id: (await classWithPupil(ctx)).classId },
      body: { courseSlug: (await publishedCourse(ctx)).slug },
    }),
    expect: { anonymous: 401, learner: 403, provider: 403, admin: 201 },
  }),
  defineEndpoint<{ id: string; courseId: string }>({
    name: "unassign a course from another teacher's class",
    method: "DELETE",
    path: "/api/school/classes/[id]/courses/[courseId]",
    handler: async () => (await import("@/app/api/school/classes/[id]/courses/[courseId]/route.ts")).DELETE,
    request: async (ctx) => {
      const { classId } = await classWithPupil(ctx);
      const course = await publishedCourse(ctx);
      await ctx.db.classCourse.create({ data: { classId, courseId: course.id } });
      return { params: { id: classId, courseId: course.id } };
    },
    expect: { anonymous: 401, learner: 403, provider: 403, admin: 204 },
  }),
  defineEndpoint({
    name: "set the school logo",
    method: "PUT",
    path: "/api/school/logo",
    handler: async () => (await import("@/app/api/school/logo/route.ts")).PUT,
    request: () => ({ params: {}, raw: { body: new Uint8Array(PNG), contentType: "image/png" } }),
    expect: { anonymous: 401, learner: 403, provider: 403, admin: 200 },
  }),
  defineEndpoint({
    name: "distrust a course-pack publisher key",
    method: "DELETE",
    path: "/api/school/publishers",
    handler: async () => (await import("@/app/api/school/publishers/route.ts")).DELETE,
    request: () => ({ params: {}, query: { did: DID } }),
    expect: { anonymous: 401, learner: 403, provider: 403, admin: 204 },
  }),
  defineEndpoint({
    name: "import a course pack upload that is no tar",
    method: "POST",
    path: "/api/school/packs",
    handler: async () => (await import("@/app/api/school/packs/route.ts")).POST,
    request: () => ({ params: {}, raw: { body: "not a tar file", contentType: "application/x-tar" } }),
    expect: { anonymous: 401, learner: 403, provider: 403, admin: 422 },
  }),
  defineEndpoint({
    name: "import a course pack from the packs folder (none configured)",
    method: "POST",
    path: "/api/school/packs/folder",
    handler: async () => (await import("@/app/api/school/packs/folder/route.ts")).POST,
    request: () => ({ params: {}, body: { file: "course.tar" } }),
    expect: { anonymous: 401, learner: 403, provider: 403, admin: 404 },
  }),
  defineEndpoint({
    name: "first-admin set-up (only on an offline instance)",
    method: "POST",
    path: "/api/school/setup",
    handler: async () => (await import("@/app/api/school/setup/route.ts")).POST,
    request: () => ({
      params: {},
      body: { schoolName: "School", name: "Admin", username: `admin-${tag()}`, password: "long enough password" },
    }),
    expect: { anonymous: 403, learner: 403, provider: 403, admin: 403 },
  }),
];
