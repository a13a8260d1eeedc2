/**
 * Authorization matrix rows of the admin API (features/admin). The matrix has no SCHOOL_ADMIN identity;
 * school admins' rights are covered by src/features/admin/assignments.test.ts.
 */
import { grantEnrollment } from "@/features/enrollment/service.ts";
import { defineEndpoint, uniqueEmail, type AuthzEndpoint, type RequestContext } from "../harness.ts";

let n = 0;

/** A published course and a learner (by e-mail) to assign to it. */
async function fixture(ctx: RequestContext) {
  const provider = await ctx.db.user.create({ data: { roles: ["LEARNER", "PROVIDER"] }, select: { id: true } });
  const course = await ctx.db.course.create({
    data: { slug: `authz-admin-${Date.now()}-${++n}`, title: "Authz", providerId: provider.id, status: "PUBLISHED" },
    select: { id: true, slug: true },
  });
  const email = uniqueEmail("assignee");
  const learner = await ctx.db.user.create({ data: { email }, select: { id: true } });
  return { course, learner: { id: learner.id, email } };
}

export const adminEndpoints: AuthzEndpoint[] = [
  defineEndpoint({
    name: "assign a learner to a published course",
    method: "POST",
    path: "/api/admin/enrollments",
    handler: async () => (await import("@/app/api/admin/enrollments/route.ts")).POST,
    request: async (ctx) => {
      const f = await fixture(ctx);
      return { params: {}, body: { courseSlug: f.course.slug, userEmail: f.learner.email } };
    },
    expect: { anonymous: 401, learner: 403, provider: 403, admin: 201 },
  }),
  defineEndpoint({
    name: "assign a learner to an unknown course",
    method: "POST",
    path: "/api/admin/enrollments",
    handler: async () => (await import("@/app/api/admin/enrollments/route.ts")).POST,
    request: async (ctx) => {
      const f = await fixture(ctx);
      return { params: {}, body: { courseSlug: "no-such-course", userEmail: f.learner.email } };
    },
    expect: { anonymous: 401, learner: 403, provider: 403, admin: 404 },
  }),
  defineEndpoint<{ id: string }>({
    name: "remove an admin assignment",
    method: "DELETE",
    path: "/api/admin/enrollments/[id]",
    handler: async () => (await import("@/app/api/admin/enrollments/[id]/route.ts")).DELETE,
    request: async (ctx) => {
      const f = await fixture(ctx);
      await grantEnrollment(ctx.db, { userId: f.learner.id, courseId: f.course.id, source: "ADMIN" });
      const row = await ctx.db.enrollment.findUniqueOrThrow({
        where: { userId_courseId: { userId: f.learner.id, courseId: f.course.id } },
        select: { id: true },
      });
      return { params: { id: row.id } };
    },
    expect: { anonymous: 401, learner: 403, provider: 403, admin: 200 },
  }),
  defineEndpoint<{ id: string }>({
    name: "remove a free (not admin-assigned) enrollment",
    method: "DELETE",
    path: "/api/admin/enrollments/[id]",
    handler: async () => (await import("@/app/api/admin/enrollments/[id]/route.ts")).DELETE,
    request: async (ctx) => {
      const f = await fixture(ctx);
      await grantEnrollment(ctx.db, { userId: f.learner.id, courseId: f.course.id, source: "FREE" });
      const row = await ctx.db.enrollment.findUniqueOrThrow({
        where: { userId_courseId: { userId: f.learner.id, courseId: f.course.id } },
        select: { id: true },
      });
      return { params: { id: row.id } };
    },
    expect: { anonymous: 401, learner: 403, provider: 403, admin: 409 },
  }),
  defineEndpoint<{ email: string }>({
    name: "look a user up by e-mail (role management)",
    method: "GET",
    path: "/api/admin/users?email=[email]",
    handler: async () => (await import("@/app/api/admin/users/route.ts")).GET,
    request: async (ctx) => ({ params: { email: (await fixture(ctx)).learner.email } }),
    expect: { anonymous: 401, learner: 403, provider: 403, admin: 200 },
  }),
  defineEndpoint<{ id: string }>({
    name: "retry a failed provider transfer",
    method: "POST",
    path: "/api/admin/payouts/transfers/[id]/retry",
    handler: async () => (await import("@/app/api/admin/payouts/transfers/[id]/retry/route.ts")).POST,
    request: async (ctx) => {
      const f = await fixture(ctx);
      const course = await ctx.db.course.findUniqueOrThrow({
        where: { id: f.course.id },
        select: { providerId: true },
      });
      const sale = await ctx.db.cardPayment.create({
        data: {
          userId: f.learner.id,
          courseId: f.course.id,
          currency: "EUR",
          amount: 1999,
          checkoutSession: `cs_authz_${Date.now()}_${++n}`,
          paymentIntent: `pi_authz_${Date.now()}_${n}`,
          status: "PAID",
          paidAt: new Date(),
        },
        select: { id: true },
      });
      const transfer = await ctx.db.stripeTransfer.create({
        data: {
          cardPaymentId: sale.id,
          providerId: course.providerId,
          currency: "EUR",
          grossAmount: 1999,
          platformFee: 199,
          stripeFeeShare: 49,
          amount: 1751,
          status: "FAILED",
          attempts: 5,
          lastError: "Insufficient funds in Stripe account.",
        },
        select: { id: true },
      });
      return { params: { id: transfer.id } };
    },
    expect: { anonymous: 401, learner: 403, provider: 403, admin: 200 },
  }),
  defineEndpoint<{ id: string }>({
    name: "retry an unknown provider transfer",
    method: "POST",
    path: "/api/admin/payouts/transfers/[id]/retry",
    handler: async () => (await import("@/app/api/admin/payouts/transfers/[id]/retry/route.ts")).POST,
    request: () => ({ params: { id: "nosuchtransfer" } }),
    expect: { anonymous: 401, learner: 403, provider: 403, admin: 404 },
  }),
];
