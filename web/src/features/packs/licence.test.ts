/**
 * Integration (real PostgreSQL, the real route handler and session cookie): the marketplace's licence rule of
 * GET /api/courses/<slug>/pack (features/packs/service.ts) as a relation between the CALLER and the course — a
 * school admin downloads only packs of courses their own account holds an active purchase, access code or free
 * enrollment of; the role alone, an admin assignment, a revoked enrollment or someone else's licence is refused.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import type { EnrollmentSource, EnrollmentStatus } from "@smolitux/db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCourse, createProvider } from "@/features/catalog/testing/fixtures.ts";
import type { Role } from "@/server/auth/roles.ts";
import { createTestDatabase, type TestDatabase } from "../../../test/db.ts";
import { apiRequest, matrixEnv, sessionCookie } from "../../../test/authz/session.ts";

let t: TestDatabase;
let dir: string;
let courseId: string;

beforeAll(async () => {
  t = await createTestDatabase();
  dir = await mkdtemp(path.join(tmpdir(), "pack-licence-"));
  // The route handler reads the process-wide env()/db(): this file's database, media and temp folders.
  Object.assign(process.env, await matrixEnv(t.url), {
    STORAGE_DIR: path.join(dir, "media"),
    UPLOAD_TMP_DIR: path.join(dir, "uploads"),
  });
  courseId = await createCourse(t.db, await createProvider(t.db), {
    slug: "licensed",
    title: "Licensed",
    lessons: ["One"],
  });
  await createCourse(t.db, await createProvider(t.db), { slug: "draft", title: "Draft", status: "DRAFT" });
}, 60_000);

afterAll(async () => {
  const { db } = await import("@/server/db.ts");
  await db().$disconnect();
  await t?.drop();
  await rm(dir, { recursive: true, force: true });
});

/** A user with `roles` and, optionally, an enrollment in the course; returns its session cookie. */
async function caller(roles: Role[], enrollment?: { source: EnrollmentSource; status?: EnrollmentStatus }) {
  const user = await t.db.user.create({ data: { name: "caller", roles }, select: { id: true } });
  if (enrollment) await t.db.enrollment.create({ data: { userId: user.id, courseId, ...enrollment } });
  return sessionCookie({ id: user.id, roles });
}

async function download(cookie: string | null, slug = "licensed") {
  const { GET } = await import("@/app/api/courses/[slug]/pack/route.ts");
  const res = await GET(apiRequest("GET", `/api/courses/${slug}/pack`, { cookie }), {
    params: Promise.resolve({ slug }),
  });
  return { status: res.status, res };
}

const SCHOOL: Role[] = ["LEARNER", "TEACHER", "SCHOOL_ADMIN"];

describe("marketplace pack download: the licence rule", () => {
  it("refuses callers without a licence of their own, whatever their role", async () => {
    expect((await download(null)).status).toBe(401);
    // the role alone is no licence
    const noLicence = await download(await caller(SCHOOL));
    expect(noLicence.status).toBe(403);
    expect(((await noLicence.res.json()) as { error: { message: string } }).error.message).toMatch(/licence/);
    // an admin assignment (a class, /admin) is access, not a licence
    expect((await download(await caller(SCHOOL, { source: "ADMIN" }))).status).toBe(403);
    // a refunded / revoked purchase is no licence any more
    expect((await download(await caller(SCHOOL, { source: "CARD", status: "REVOKED" }))).status).toBe(403);
    // a licence held by an account without the school-admin role does not open the pack
    expect((await download(await caller(["LEARNER"], { source: "CODE" }))).status).toBe(403);
    // another account's licence does not count for this caller (the rule is per caller, not per course)
    await caller(SCHOOL, { source: "CARD" });
    expect((await download(await caller(SCHOOL))).status).toBe(403);
  });

  it("serves the signed pack to a school admin holding a purchase, an access code or a free enrollment", async () => {
    for (const source of ["CARD", "CRYPTO", "CODE", "FREE"] as const) {
      const { status, res } = await download(await caller(SCHOOL, { source }));
      expect(status, source).toBe(200);
      expect(res.headers.get("content-type")).toBe("application/x-tar");
      const bytes = Buffer.from(await res.arrayBuffer());
      // a ustar archive whose members include the signed manifest
      expect(bytes.subarray(257, 262).toString()).toBe("ustar");
      expect(bytes.includes(Buffer.from("manifest.sig"))).toBe(true);
    }
  });

  it("answers 404 for a course that is not published, licence or not", async () => {
    expect((await download(await caller(SCHOOL), "draft")).status).toBe(404);
    expect((await download(await caller(SCHOOL), "no-such-course")).status).toBe(404);
  });
});
