/**
 * Admin assignments against a real PostgreSQL database: who may assign/remove (school and platform admins
 * only), the enrollment they produce (source ADMIN, sticky; removal re-derives from purchases), audit rows,
 * audit-log visibility, and the route handlers with a real SCHOOL_ADMIN session cookie.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { courseIdToBytes32 } from "@smolitux/contracts/courseId";
import type { PrismaClient } from "@smolitux/db";
import type { Role } from "@/server/auth.ts";
import { ApiError } from "@/server/http.ts";
import { createTestDatabase, type TestDatabase } from "../../../test/db.ts";
import { apiRequest, sessionCookie, TEST_APP_URL, TEST_AUTH_SECRET } from "../../../test/authz/session.ts";
import { learnerAddressForUser } from "@/features/enrollment/learner-address.ts";
import { PURCHASE_STATUS } from "@/features/enrollment/purchases.ts";
import { assignLearner, removeAssignment } from "./assignments.ts";
import { findUserByEmail, recentAssignments, recentAuditEntries } from "./queries.ts";

let t: TestDatabase;
let db: PrismaClient;
let n = 0;
let course: { id: string; slug: string; onchainCourseId: string };
let draft: { slug: string };

async function person(roles: Role[] = ["LEARNER"]) {
  const email = `p${++n}-${Date.now()}@admin.test`;
  const u = await db.user.create({ data: { email, name: `P${n}`, roles }, select: { id: true } });
  return { id: u.id, email, roles };
}

const rejects = async (p: Promise<unknown>, code: string) => {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(ApiError);
  expect((err as ApiError).code).toBe(code);
};

beforeAll(async () => {
  t = await createTestDatabase();
  db = t.db;
  const provider = await person(["LEARNER", "PROVIDER"]);
  const id = `admincourse${Date.now()}`;
  course = (await db.course.create({
    data: {
      id,
      slug: "assign-me",
      title: "Assign me",
      status: "PUBLISHED",
      providerId: provider.id,
      onchainCourseId: courseIdToBytes32(id),
    },
    select: { id: true, slug: true, onchainCourseId: true },
  })) as { id: string; slug: string; onchainCourseId: string };
  draft = await db.course.create({
    data: { slug: "draft-course", title: "Draft", status: "DRAFT", providerId: provider.id },
    select: { slug: true },
  });
  Object.assign(process.env, {
    DATABASE_URL: t.url,
    NEXTAUTH_SECRET: TEST_AUTH_SECRET,
    APP_URL: TEST_APP_URL,
    CHAIN_ID: "31337",
  });
});

afterAll(async () => {
  const { db: appDb } = await import("@/server/db.ts");
  await appDb().$disconnect();
  await t.drop();
});

describe("assignLearner / removeAssignment", () => {
  it("lets a school admin assign any user by e-mail (case-insensitive), once, audit-logged", async () => {
    const admin = await person(["LEARNER", "SCHOOL_ADMIN"]);
    const learner = await person();
    const first = await assignLearner(db, admin, { courseSlug: course.slug, userEmail: learner.email.toUpperCase() });
    expect(first).toMatchObject({
      changed: true,
      enrollment: { userId: learner.id, status: "ACTIVE", source: "ADMIN" },
    });
    const again = await assignLearner(db, admin, { courseSlug: course.slug, userEmail: learner.email });
    expect(again).toEqual({ ...first, changed: false });
    const row = await db.enrollment.findUniqueOrThrow({ where: { id: first.enrollment.id } });
    expect(row.sourceRef).toBe(admin.id);
    const audit = await db.auditLog.findMany({ where: { entityId: first.enrollment.id } });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actorId: admin.id, action: "enrollment.assigned", entity: "Enrollment" });
    expect(audit[0]?.details).toMatchObject({ userId: learner.id, courseSlug: course.slug, before: null });
  });

  it("refuses learners and providers, unknown users and unpublished courses", async () => {
    const learner = await person();
    for (const roles of [["LEARNER"], ["LEARNER", "PROVIDER"]] as Role[][]) {
      await rejects(
        assignLearner(db, { id: learner.id, roles }, { courseSlug: course.slug, userEmail: learner.email }),
        "forbidden",
      );
    }
    const admin = await person(["LEARNER", "PLATFORM_ADMIN"]);
    await rejects(assignLearner(db, admin, { courseSlug: course.slug, userEmail: "nobody@admin.test" }), "not_found");
    await rejects(assignLearner(db, admin, { courseSlug: draft.slug, userEmail: learner.email }), "not_found");
    await rejects(assignLearner(db, admin, { courseSlug: "no-such-course", userEmail: learner.email }), "not_found");
    expect(await db.enrollment.count({ where: { userId: learner.id } })).toBe(0);
  });

  it("removing an assignment revokes access unless a purchase still grants it", async () => {
    const admin = await person(["LEARNER", "PLATFORM_ADMIN"]);
    const plain = await person();
    const buyer = await person();
    await db.purchase.create({
      data: {
        chainId: 31337,
        purchaseId: 900 + n,
        courseChainId: course.onchainCourseId,
        learner: learnerAddressForUser(buyer.id),
        amount: 1,
        status: PURCHASE_STATUS.CARD,
        card: true,
        txHash: "0x01",
      },
    });
    const a = await assignLearner(db, admin, { courseSlug: course.slug, userEmail: plain.email });
    const b = await assignLearner(db, admin, { courseSlug: course.slug, userEmail: buyer.email });
    expect(b.enrollment.source).toBe("ADMIN");

    const removedA = await removeAssignment(db, admin, a.enrollment.id);
    expect(removedA).toMatchObject({ changed: true, enrollment: { status: "REVOKED", source: "ADMIN" } });
    expect(await removeAssignment(db, admin, a.enrollment.id)).toMatchObject({ changed: false });
    const removedB = await removeAssignment(db, admin, b.enrollment.id);
    expect(removedB.enrollment).toMatchObject({ status: "ACTIVE", source: "CARD" });

    const audit = await db.auditLog.findMany({ where: { entityId: a.enrollment.id }, orderBy: { createdAt: "asc" } });
    expect(audit.map((x) => x.action)).toEqual(["enrollment.assigned", "enrollment.unassigned"]);
    expect(audit[1]?.details).toMatchObject({ after: { status: "REVOKED" } });
    // a purchase enrollment is not an admin assignment
    await rejects(removeAssignment(db, admin, b.enrollment.id), "conflict");
    await rejects(removeAssignment(db, admin, "nosuchenrollment"), "not_found");
    await rejects(removeAssignment(db, { id: plain.id, roles: ["LEARNER", "PROVIDER"] }, b.enrollment.id), "forbidden");
  });
});

describe("admin read models", () => {
  it("shows school admins only their own audit entries, platform admins all; lists active assignments", async () => {
    const school = await person(["LEARNER", "SCHOOL_ADMIN"]);
    const platform = await person(["LEARNER", "PLATFORM_ADMIN"]);
    const learner = await person();
    const mine = await assignLearner(db, school, { courseSlug: course.slug, userEmail: learner.email });
    const own = await recentAuditEntries(db, school);
    expect(own.length).toBeGreaterThan(0);
    expect(own.every((e) => e.actor?.email === school.email)).toBe(true);
    const all = await recentAuditEntries(db, platform);
    expect(new Set(all.map((e) => e.actor?.email)).size).toBeGreaterThan(1);
    expect(all[0]).toMatchObject({ action: "enrollment.assigned", entityId: mine.enrollment.id });
    const assignments = await recentAssignments(db, school);
    expect(assignments[0]).toMatchObject({ id: mine.enrollment.id, user: { email: learner.email } });
    await rejects(recentAuditEntries(db, learner), "forbidden");
    await rejects(findUserByEmail(db, school, learner.email), "forbidden");
    expect(await findUserByEmail(db, platform, learner.email.toUpperCase())).toMatchObject({ id: learner.id });
  });
});

describe("admin enrollment routes with a SCHOOL_ADMIN session", () => {
  it("assigns (201, then 200) and removes (200) through the handlers", async () => {
    const school = await person(["LEARNER", "SCHOOL_ADMIN"]);
    const learner = await person();
    const cookie = await sessionCookie(school);
    const { POST } = await import("@/app/api/admin/enrollments/route.ts");
    const { DELETE } = await import("@/app/api/admin/enrollments/[id]/route.ts");
    const body = { courseSlug: course.slug, userEmail: learner.email };
    const created = await POST(apiRequest("POST", "/api/admin/enrollments", { cookie, body }));
    expect(created.status).toBe(201);
    const { enrollment } = (await created.json()) as { enrollment: { id: string } };
    expect((await POST(apiRequest("POST", "/api/admin/enrollments", { cookie, body }))).status).toBe(200);
    const bad = await POST(apiRequest("POST", "/api/admin/enrollments", { cookie, body: { ...body, userEmail: "x" } }));
    expect(bad.status).toBe(400);
    const del = await DELETE(apiRequest("DELETE", `/api/admin/enrollments/${enrollment.id}`, { cookie }), {
      params: Promise.resolve({ id: enrollment.id }),
    });
    expect(del.status).toBe(200);
    expect(await del.json()).toMatchObject({ changed: true, enrollment: { status: "REVOKED" } });
  });
});
