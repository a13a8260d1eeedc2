/** Authorization matrix rows of enrollment and access-code endpoints (features/enrollment, features/access-codes). */
import type { PrismaClient } from "@smolitux/db";
import { createCodes } from "@/features/access-codes/service.ts";
import { defineEndpoint, type AuthzEndpoint, type RequestContext } from "../harness.ts";

let n = 0;

/** A published course; owned by the identity when `own` (else by a fresh provider). */
async function course(ctx: RequestContext, opts: { own?: boolean; isFree?: boolean; draft?: boolean } = {}) {
  const owner =
    opts.own && ctx.user ? ctx.user.id : (await ctx.db.user.create({ data: { roles: ["LEARNER", "PROVIDER"] } })).id;
  return ctx.db.course.create({
    data: {
      slug: `authz-enr-${Date.now()}-${++n}`,
      title: "Authz",
      providerId: owner,
      status: opts.draft ? "DRAFT" : "PUBLISHED",
      isFree: opts.isFree ?? false,
    },
    select: { id: true, slug: true, providerId: true },
  });
}

async function codeFor(db: PrismaClient, courseId: string, providerId: string) {
  const [c] = await createCodes(db, { id: providerId, roles: ["PLATFORM_ADMIN"] }, { courseId, count: 1, maxUses: 10 });
  return c!;
}

export const enrollmentEndpoints: AuthzEndpoint[] = [
  defineEndpoint({
    name: "report a wallet purchase with a malformed transaction hash",
    method: "POST",
    path: "/api/checkout/wallet-purchases",
    handler: async () => (await import("@/app/api/checkout/wallet-purchases/route.ts")).POST,
    request: () => ({ params: {}, body: { txHash: "0x1234" } }),
    expect: { anonymous: 401, learner: 400, provider: 400, admin: 400 },
  }),
  defineEndpoint({
    name: "report a wallet purchase while the chain does not answer",
    method: "POST",
    path: "/api/checkout/wallet-purchases",
    handler: async () => (await import("@/app/api/checkout/wallet-purchases/route.ts")).POST,
    request: () => ({ params: {}, body: { txHash: `0x${"ab".repeat(32)}` } }),
    // RPC_URL points at a closed port in this suite: an upstream failure is 503, never 500
    expect: { anonymous: 401, learner: 503, provider: 503, admin: 503 },
  }),
  defineEndpoint({
    name: "enrollment status of someone else's draft course",
    method: "GET",
    path: "/api/enrollments/status",
    handler: async () => (await import("@/app/api/enrollments/status/route.ts")).GET,
    request: async (ctx) => ({ params: {}, query: { course: (await course(ctx, { draft: true })).slug } }),
    // Nobody but its provider learns that the draft exists — admins included.
    expect: { anonymous: 401, learner: 404, provider: 404, admin: 404 },
  }),
  defineEndpoint({
    name: "enrollment status of own draft course",
    method: "GET",
    path: "/api/enrollments/status",
    handler: async () => (await import("@/app/api/enrollments/status/route.ts")).GET,
    request: async (ctx) => ({ params: {}, query: { course: (await course(ctx, { draft: true, own: true })).slug } }),
    expect: { anonymous: 401, learner: 200, provider: 200, admin: 200 },
  }),
  defineEndpoint({
    name: "create access codes for own course (admins: any course)",
    method: "POST",
    path: "/api/access-codes",
    handler: async () => (await import("@/app/api/access-codes/route.ts")).POST,
    request: async (ctx) => ({
      params: {},
      body: { courseId: (await course(ctx, { own: true })).id, count: 2, maxUses: 3 },
    }),
    // The learner "owns" the course row but lacks the PROVIDER role.
    expect: { anonymous: 401, learner: 403, provider: 201, admin: 201 },
  }),
  defineEndpoint({
    name: "create access codes for someone else's course",
    method: "POST",
    path: "/api/access-codes",
    handler: async () => (await import("@/app/api/access-codes/route.ts")).POST,
    request: async (ctx) => ({ params: {}, body: { courseId: (await course(ctx)).id, count: 1 } }),
    expect: { anonymous: 401, learner: 403, provider: 403, admin: 201 },
  }),
  defineEndpoint({
    name: "revoke an access code of someone else's course",
    method: "DELETE",
    path: "/api/access-codes/[id]",
    handler: async () => (await import("@/app/api/access-codes/[id]/route.ts")).DELETE,
    request: async (ctx) => {
      const c = await course(ctx);
      return { params: { id: (await codeFor(ctx.db, c.id, c.providerId)).id } };
    },
    expect: { anonymous: 401, learner: 403, provider: 403, admin: 204 },
  }),
  defineEndpoint({
    name: "revoke an access code of own course",
    method: "DELETE",
    path: "/api/access-codes/[id]",
    handler: async () => (await import("@/app/api/access-codes/[id]/route.ts")).DELETE,
    request: async (ctx) => {
      const c = await course(ctx, { own: true });
      return { params: { id: (await codeFor(ctx.db, c.id, c.providerId)).id } };
    },
    expect: { anonymous: 401, learner: 403, provider: 204, admin: 204 },
  }),
  defineEndpoint({
    name: "redeem an access code",
    method: "POST",
    path: "/api/access-codes/redeem",
    handler: async () => (await import("@/app/api/access-codes/redeem/route.ts")).POST,
    request: async (ctx) => {
      const c = await course(ctx);
      return { params: {}, body: { code: (await codeFor(ctx.db, c.id, c.providerId)).code } };
    },
    expect: { anonymous: 401, learner: 200, provider: 200, admin: 200 },
  }),
  defineEndpoint({
    name: "enroll in a free course",
    method: "POST",
    path: "/api/courses/[slug]/enroll-free",
    handler: async () => (await import("@/app/api/courses/[slug]/enroll-free/route.ts")).POST,
    request: async (ctx) => ({ params: { slug: (await course(ctx, { isFree: true })).slug } }),
    expect: { anonymous: 401, learner: 201, provider: 201, admin: 201 },
  }),
  defineEndpoint({
    name: "enroll free in a paid course",
    method: "POST",
    path: "/api/courses/[slug]/enroll-free",
    handler: async () => (await import("@/app/api/courses/[slug]/enroll-free/route.ts")).POST,
    request: async (ctx) => ({ params: { slug: (await course(ctx)).slug } }),
    expect: { anonymous: 401, learner: 422, provider: 422, admin: 422 },
  }),
];
