/**
 * Authorization matrix rows of media reads (HEAD /api/media/<id>; the access check is the same as GET's, without
 * reading the file): own course, foreign provider, enrolled elsewhere, refunded, public, and a reference from another
 * provider's course. Usages are written through the real save-path helper (`syncCourseMediaUsage`).
 */
import { syncCourseMediaUsage } from "@/features/media/usage.ts";
import { defineEndpoint, type AuthzEndpoint, type RequestContext } from "../harness.ts";

let n = 0;

/** A published course of `providerId` with one VIDEO lesson (preview when asked) using `assetId`. */
async function courseUsing(ctx: RequestContext, providerId: string, assetId: string, preview = false) {
  n += 1;
  const course = await ctx.db.course.create({
    data: { slug: `authz-media-${Date.now()}-${n}`, title: "Media", providerId, status: "PUBLISHED" },
    select: { id: true },
  });
  const section = await ctx.db.section.create({ data: { courseId: course.id, title: "S", position: 0 } });
  await ctx.db.lesson.create({
    data: { sectionId: section.id, title: "V", kind: "VIDEO", position: 0, mediaId: assetId, isPreview: preview },
  });
  await syncCourseMediaUsage(ctx.db, course.id);
  return course.id;
}

async function provider(ctx: RequestContext, own: boolean): Promise<string> {
  if (own && ctx.identity === "provider") return ctx.user!.id;
  const u = await ctx.db.user.create({ data: { name: "owner", roles: ["LEARNER", "PROVIDER"] }, select: { id: true } });
  return u.id;
}

async function video(ctx: RequestContext, ownerId: string): Promise<string> {
  n += 1;
  const a = await ctx.db.mediaAsset.create({
    data: {
      ownerId,
      driver: "FS",
      key: `authz/${n}.mp4`,
      mimeType: "video/mp4",
      sizeBytes: 10n,
      sha256: "ab".repeat(32),
    },
    select: { id: true },
  });
  return a.id;
}

/** Enrolls the learner identity (other identities are left alone). */
async function enrollLearner(ctx: RequestContext, courseId: string, status: "ACTIVE" | "REVOKED" = "ACTIVE") {
  if (ctx.identity !== "learner" || !ctx.user) return;
  await ctx.db.enrollment.create({ data: { userId: ctx.user.id, courseId, source: "CRYPTO", status } });
}

type P = { id: string };
const handler = async () => (await import("@/app/api/media/[id]/route.ts")).HEAD;
const path = "/api/media/[id]";

export const mediaEndpoints: AuthzEndpoint[] = [
  defineEndpoint<P>({
    name: "media of an own course (provider owns it; learner actively enrolled)",
    method: "HEAD",
    path,
    handler,
    request: async (ctx) => {
      const owner = await provider(ctx, true);
      const id = await video(ctx, owner);
      await enrollLearner(ctx, await courseUsing(ctx, owner, id));
      return { params: { id } };
    },
    expect: { anonymous: 401, learner: 200, provider: 200, admin: 200 },
  }),
  defineEndpoint<P>({
    name: "media of a foreign provider's course",
    method: "HEAD",
    path,
    handler,
    request: async (ctx) => {
      const owner = await provider(ctx, false);
      const id = await video(ctx, owner);
      await courseUsing(ctx, owner, id);
      return { params: { id } };
    },
    expect: { anonymous: 401, learner: 403, provider: 403, admin: 200 },
  }),
  defineEndpoint<P>({
    name: "media of a course the learner is not in (enrolled in another course of the same provider)",
    method: "HEAD",
    path,
    handler,
    request: async (ctx) => {
      const owner = await provider(ctx, false);
      const id = await video(ctx, owner);
      await courseUsing(ctx, owner, id);
      await enrollLearner(ctx, await courseUsing(ctx, owner, await video(ctx, owner)));
      return { params: { id } };
    },
    expect: { anonymous: 401, learner: 403, provider: 403, admin: 200 },
  }),
  defineEndpoint<P>({
    name: "media of a course whose purchase was refunded (enrollment revoked)",
    method: "HEAD",
    path,
    handler,
    request: async (ctx) => {
      const owner = await provider(ctx, false);
      const id = await video(ctx, owner);
      await enrollLearner(ctx, await courseUsing(ctx, owner, id), "REVOKED");
      return { params: { id } };
    },
    expect: { anonymous: 401, learner: 403, provider: 403, admin: 200 },
  }),
  defineEndpoint<P>({
    name: "public media (free-preview lesson of a published course)",
    method: "HEAD",
    path,
    handler,
    request: async (ctx) => {
      const owner = await provider(ctx, false);
      const id = await video(ctx, owner);
      await courseUsing(ctx, owner, id, true);
      return { params: { id } };
    },
    expect: { anonymous: 200, learner: 200, provider: 200, admin: 200 },
  }),
  defineEndpoint<P>({
    name: "media referenced from another provider's public course (grants nothing)",
    method: "HEAD",
    path,
    handler,
    request: async (ctx) => {
      const owner = await provider(ctx, false);
      const id = await video(ctx, owner);
      // The referencing course belongs to the provider identity (or a third provider); its usage row is written
      // directly because the studio refuses to save such a reference.
      const referrer = await provider(ctx, true);
      n += 1;
      const course = await ctx.db.course.create({
        data: { slug: `authz-media-ref-${n}`, title: "Ref", providerId: referrer, status: "PUBLISHED" },
        select: { id: true },
      });
      await ctx.db.mediaUsage.create({ data: { assetId: id, courseId: course.id, kind: "DESCRIPTION" } });
      await enrollLearner(ctx, course.id);
      return { params: { id } };
    },
    expect: { anonymous: 401, learner: 403, provider: 403, admin: 200 },
  }),
];
