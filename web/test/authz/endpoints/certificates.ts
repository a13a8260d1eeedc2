/** Authorization matrix rows of the certificate endpoints (features/certificates). */
import type { PrismaClient } from "@smolitux/db";
import { defineEndpoint, type AuthzEndpoint, type RequestContext } from "../harness.ts";

let n = 0;

/** A CLAIMABLE certificate (never minted: revocation needs no chain) of a course owned by the identity when `own`. */
async function certificate(ctx: RequestContext, opts: { own?: boolean; mine?: boolean } = {}) {
  const db: PrismaClient = ctx.db;
  const other = async (roles: ("LEARNER" | "PROVIDER")[]) => (await db.user.create({ data: { roles } })).id;
  const providerId = opts.own && ctx.user ? ctx.user.id : await other(["LEARNER", "PROVIDER"]);
  const learnerId = opts.mine && ctx.user ? ctx.user.id : await other(["LEARNER"]);
  const course = await db.course.create({
    data: { slug: `authz-cert-${Date.now()}-${++n}`, title: "Authz", providerId, status: "PUBLISHED" },
  });
  return db.certificate.create({
    data: { userId: learnerId, courseId: course.id, status: "CLAIMABLE", credential: { id: "urn:test" } },
  });
}

const revoke = async () => (await import("@/app/api/certificates/[id]/revoke/route.ts")).POST;

export const certificateEndpoints: AuthzEndpoint[] = [
  defineEndpoint({
    name: "revoke a certificate of someone else's course",
    method: "POST",
    path: "/api/certificates/[id]/revoke",
    handler: revoke,
    request: async (ctx) => ({ params: { id: (await certificate(ctx)).id }, body: { reason: "issued by mistake" } }),
    expect: { anonymous: 401, learner: 403, provider: 403, admin: 200 },
  }),
  defineEndpoint({
    name: "revoke a certificate of the provider's own course",
    method: "POST",
    path: "/api/certificates/[id]/revoke",
    handler: revoke,
    request: async (ctx) => ({
      params: { id: (await certificate(ctx, { own: true })).id },
      body: { reason: "issued by mistake" },
    }),
    // The learner "owns" the course row but lacks the PROVIDER role.
    expect: { anonymous: 401, learner: 403, provider: 200, admin: 200 },
  }),
  defineEndpoint({
    name: "revoke one's own certificate as its learner",
    method: "POST",
    path: "/api/certificates/[id]/revoke",
    handler: revoke,
    request: async (ctx) => ({
      params: { id: (await certificate(ctx, { mine: true })).id },
      body: { reason: "I want it gone" },
    }),
    expect: { anonymous: 401, learner: 403, provider: 403, admin: 200 },
  }),
  defineEndpoint({
    name: "set the certificate name opt-in",
    method: "PUT",
    path: "/api/certificates/settings",
    handler: async () => (await import("@/app/api/certificates/settings/route.ts")).PUT,
    request: () => ({ params: {}, body: { showName: true } }),
    expect: { anonymous: 401, learner: 200, provider: 200, admin: 200 },
  }),
  defineEndpoint({
    name: "download someone else's certificate PDF",
    method: "GET",
    path: "/api/certificates/[id]/pdf",
    handler: async () => (await import("@/app/api/certificates/[id]/pdf/route.ts")).GET,
    request: async (ctx) => ({ params: { id: (await certificate(ctx)).id } }),
    // 202: allowed, but no worker rendered the PDF here (features/certificates/pdf-store.ts)
    expect: { anonymous: 401, learner: 404, provider: 404, admin: 202 },
  }),
  defineEndpoint({
    name: "verify a pasted credential (public)",
    method: "POST",
    path: "/api/certificates/verify",
    handler: async () => (await import("@/app/api/certificates/verify/route.ts")).POST,
    request: () => ({
      params: {},
      body: {
        credential: { "@context": [], proof: {}, issuer: "did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK" },
      },
    }),
    expect: { anonymous: 200, learner: 200, provider: 200, admin: 200 },
  }),
  defineEndpoint({
    name: "verify a pasted credential with a malformed id URL (400, not 500)",
    method: "POST",
    path: "/api/certificates/verify",
    handler: async () => (await import("@/app/api/certificates/verify/route.ts")).POST,
    request: () => ({
      params: {},
      body: { "@context": [], proof: {}, issuer: "did:key:z6Mk", id: "http://[::1/verify/%E0%A4%A" },
    }),
    expect: { anonymous: 400, learner: 400, provider: 400, admin: 400 },
  }),
  defineEndpoint({
    name: "download someone else's certificate credential",
    method: "GET",
    path: "/api/certificates/[id]/credential",
    handler: async () => (await import("@/app/api/certificates/[id]/credential/route.ts")).GET,
    request: async (ctx) => ({ params: { id: (await certificate(ctx)).id } }),
    expect: { anonymous: 401, learner: 404, provider: 404, admin: 200 },
  }),
];
