/**
 * Authorization matrix rows of the school API (features/school, features/packs). The matrix's admin is a
 * PLATFORM_ADMIN, who has every school-admin right; teacher-only rules (own classes, own pupils) are covered by
 * src/features/school/school.test.ts.
 */
import { randomBytes } from "node:crypto";
import { defineEndpoint, type AuthzEndpoint, type RequestContext } from "../harness.ts";

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
];
