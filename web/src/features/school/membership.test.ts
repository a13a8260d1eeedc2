/**
 * Integration (real PostgreSQL, through the route handlers and the real session path): removing a pupil from a
 * class keeps progress and certificates, moving a pupil between classes, deactivating an account blocks sign-in
 * and ends its sessions at once, and a teacher of another class is refused (404) without changing anything.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiRequest, matrixEnv, sessionCookie, TEST_APP_URL, TEST_AUTH_SECRET } from "../../../test/authz/session.ts";
import { createTestDatabase, type TestDatabase } from "../../../test/db.ts";
import { createCourse, createProvider } from "@/features/catalog/testing/fixtures.ts";
import { hasAccess } from "@/features/enrollment/service.ts";
import { getSessionUser, type SessionDeps } from "@/server/auth.ts";
import { assignCourseToClass, createClass } from "./classes.ts";
import { authenticateWithUsername, createPupils } from "./pupils.ts";

let t: TestDatabase;
let deps: SessionDeps;
type Actor = { id: string; roles: ("LEARNER" | "TEACHER" | "SCHOOL_ADMIN")[] };
let teacher: Actor;
let foreign: Actor;
let schoolAdmin: Actor;
let cookies: { teacher: string; foreign: string; admin: string };
let courseA: string; // assigned to class 4a only
let courseShared: string; // assigned to 4a and 4b
let courseB: string; // assigned to 4b only
let class4a: string;
let class4b: string;
let foreignClass: string;
const pupils: Record<string, { userId: string; password: string }> = {};

beforeAll(async () => {
  t = await createTestDatabase();
  Object.assign(process.env, await matrixEnv(t.url));
  deps = { db: t.db, secret: TEST_AUTH_SECRET, appUrl: TEST_APP_URL, maxAgeSeconds: 3600 };
  const mk = async (username: string, roles: Actor["roles"]): Promise<Actor> => {
    const row = await t.db.user.create({ data: { username, name: username, roles } });
    return { id: row.id, roles };
  };
  teacher = await mk("tom", ["LEARNER", "TEACHER"]);
  foreign = await mk("tina", ["LEARNER", "TEACHER"]);
  schoolAdmin = await mk("ada", ["LEARNER", "SCHOOL_ADMIN"]);
  cookies = {
    teacher: await sessionCookie(teacher),
    foreign: await sessionCookie(foreign),
    admin: await sessionCookie(schoolAdmin),
  };
  const provider = await createProvider(t.db);
  courseA = await createCourse(t.db, provider, { slug: "a-course", title: "A", lessons: ["A1", "A2"] });
  courseShared = await createCourse(t.db, provider, { slug: "shared", title: "S", lessons: ["S1"] });
  courseB = await createCourse(t.db, provider, { slug: "b-course", title: "B", lessons: ["B1"] });
  class4a = (await createClass(t.db, teacher, "4a")).id;
  class4b = (await createClass(t.db, teacher, "4b")).id;
  foreignClass = (await createClass(t.db, foreign, "5c")).id;
  for (const slug of ["a-course", "shared"]) await assignCourseToClass(t.db, teacher, class4a, slug);
  for (const slug of ["shared", "b-course"]) await assignCourseToClass(t.db, teacher, class4b, slug);
  const issued = await createPupils(t.db, teacher, class4a, {
    pupils: [
      { name: "Mia", username: "mia" },
      { name: "Leo", username: "leo" },
      { name: "Zoe", username: "zoe" },
    ],
  });
  for (const p of issued) pupils[p.username] = { userId: p.userId, password: p.password };
}, 120_000);

afterAll(async () => {
  const { db } = await import("@/server/db.ts");
  await db().$disconnect();
  await t?.drop();
});

async function call(method: "DELETE" | "POST" | "PUT", path: string, cookie: string, body?: unknown) {
  const params = path.split("/");
  if (path.includes("/classes/")) {
    const [id, userId] = [params[4] ?? "", params[6] ?? ""];
    if (path.endsWith("/move")) {
      const { POST } = await import("@/app/api/school/classes/[id]/pupils/[userId]/move/route.ts");
      return POST(apiRequest(method, path, { cookie, body }), { params: Promise.resolve({ id, userId }) });
    }
    const { DELETE } = await import("@/app/api/school/classes/[id]/pupils/[userId]/route.ts");
    return DELETE(apiRequest(method, path, { cookie }), { params: Promise.resolve({ id, userId }) });
  }
  const { PUT } = await import("@/app/api/school/users/[id]/active/route.ts");
  return PUT(apiRequest(method, path, { cookie, body }), { params: Promise.resolve({ id: params[4] ?? "" }) });
}

const members = async (classId: string) =>
  (await t.db.classMember.findMany({ where: { classId }, select: { userId: true } })).map((m) => m.userId).sort();

describe("removing a pupil from a class", () => {
  it("refuses a teacher of another class (404) and changes nothing", async () => {
    const mia = pupils.mia!.userId;
    const res = await call("DELETE", `/api/school/classes/${class4a}/pupils/${mia}`, cookies.foreign);
    expect(res.status).toBe(404);
    expect(await members(class4a)).toContain(mia);
    const move = await call("POST", `/api/school/classes/${class4a}/pupils/${mia}/move`, cookies.foreign, {
      toClassId: foreignClass,
    });
    expect(move.status).toBe(404);
    // the own teacher cannot move a pupil into someone else's class either
    const into = await call("POST", `/api/school/classes/${class4a}/pupils/${mia}/move`, cookies.teacher, {
      toClassId: foreignClass,
    });
    expect(into.status).toBe(404);
    expect(await members(class4a)).toContain(mia);
    expect(await members(foreignClass)).toEqual([]);
    const deact = await call("PUT", `/api/school/users/${mia}/active`, cookies.foreign, { active: false });
    expect(deact.status).toBe(404);
    expect((await t.db.user.findUniqueOrThrow({ where: { id: mia } })).deactivatedAt).toBeNull();
  });

  it("ends the class's course access but keeps progress, quiz attempts and certificates; idempotent", async () => {
    const mia = pupils.mia!.userId;
    const lesson = await t.db.lesson.findFirstOrThrow({ where: { section: { courseId: courseA } } });
    await t.db.lessonProgress.create({ data: { userId: mia, lessonId: lesson.id, completedAt: new Date() } });
    await t.db.quizAttempt.create({
      data: { userId: mia, lessonId: lesson.id, answers: {}, scorePercent: 80, passed: true },
    });
    await t.db.certificate.create({
      data: { userId: mia, courseId: courseA, status: "CLAIMABLE", issuedOffline: true },
    });
    expect(await hasAccess(t.db, mia, courseA)).toBe(true);

    const res = await call("DELETE", `/api/school/classes/${class4a}/pupils/${mia}`, cookies.teacher);
    expect(res.status).toBe(204);
    expect(await members(class4a)).not.toContain(mia);
    expect(await hasAccess(t.db, mia, courseA)).toBe(false);
    expect(await hasAccess(t.db, mia, courseShared)).toBe(false);
    expect(await t.db.lessonProgress.count({ where: { userId: mia } })).toBe(1);
    expect(await t.db.quizAttempt.count({ where: { userId: mia } })).toBe(1);
    expect(await t.db.certificate.count({ where: { userId: mia, revokedAt: null } })).toBe(1);
    expect(await t.db.user.count({ where: { id: mia } })).toBe(1);
    const audits = await t.db.auditLog.count({ where: { action: "school.pupil_removed" } });
    expect(audits).toBe(1);

    const again = await call("DELETE", `/api/school/classes/${class4a}/pupils/${mia}`, cookies.teacher);
    expect(again.status).toBe(204);
    expect(await t.db.auditLog.count({ where: { action: "school.pupil_removed" } })).toBe(1);
    const unknown = await call("DELETE", `/api/school/classes/${class4a}/pupils/no-such-user`, cookies.teacher);
    expect(unknown.status).toBe(404);
  });
});

describe("moving a pupil to another class", () => {
  it("moves membership and course access (shared course stays open), keeps progress; idempotent", async () => {
    const leo = pupils.leo!.userId;
    const lesson = await t.db.lesson.findFirstOrThrow({ where: { section: { courseId: courseShared } } });
    await t.db.lessonProgress.create({ data: { userId: leo, lessonId: lesson.id, completedAt: new Date() } });
    const path = `/api/school/classes/${class4a}/pupils/${leo}/move`;
    const bad = await call("POST", path, cookies.teacher, { toClassId: class4a });
    expect(bad.status).toBe(400);
    const res = await call("POST", path, cookies.teacher, { toClassId: class4b });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ changed: true, classId: class4b });
    expect(await members(class4a)).not.toContain(leo);
    expect(await members(class4b)).toContain(leo);
    expect(await hasAccess(t.db, leo, courseA)).toBe(false);
    expect(await hasAccess(t.db, leo, courseShared)).toBe(true);
    expect(await hasAccess(t.db, leo, courseB)).toBe(true);
    const shared = await t.db.enrollment.findUniqueOrThrow({
      where: { userId_courseId: { userId: leo, courseId: courseShared } },
    });
    expect(shared.sourceRef).toBe(`class:${class4b}`);
    expect(await t.db.lessonProgress.count({ where: { userId: leo } })).toBe(1);

    const again = await call("POST", path, cookies.teacher, { toClassId: class4b });
    expect(again.status).toBe(200);
    expect(await again.json()).toMatchObject({ changed: false });
    expect(await t.db.auditLog.count({ where: { action: "school.pupil_moved" } })).toBe(1);
    // a pupil in neither class
    const zoe = pupils.zoe!.userId;
    const none = await call("POST", `/api/school/classes/${class4b}/pupils/${zoe}/move`, cookies.teacher, {
      toClassId: foreignClass,
    });
    expect(none.status).toBe(404);
  });
});

describe("deactivating a pupil account", () => {
  it("blocks sign-in with a clear reason, ends existing sessions at once, keeps everything; reactivation restores", async () => {
    const zoe = pupils.zoe!;
    const zoeRow = await t.db.user.findUniqueOrThrow({ where: { id: zoe.userId } });
    const zoeCookie = await sessionCookie({ id: zoe.userId }, { sessionVersion: zoeRow.sessionVersion });
    const asZoe = () => getSessionUser(apiRequest("GET", "/api/x", { cookie: zoeCookie }), deps);
    expect((await asZoe())?.id).toBe(zoe.userId);
    const signIn = () => authenticateWithUsername(t.db, { username: "zoe", password: zoe.password }, "10.0.0.7");
    expect((await signIn()).ok).toBe(true);

    const res = await call("PUT", `/api/school/users/${zoe.userId}/active`, cookies.teacher, { active: false });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ active: false, changed: true });
    expect(await asZoe()).toBeNull();
    expect(await signIn()).toEqual({ ok: false, reason: "deactivated" });
    // a wrong password still says only "invalid" (no account-state leak to a guesser)
    expect(await authenticateWithUsername(t.db, { username: "zoe", password: "wrong" }, "10.0.0.8")).toEqual({
      ok: false,
      reason: "invalid",
    });
    // a cookie minted with the new session version is refused too (the flag itself ends sessions)
    const bumped = await t.db.user.findUniqueOrThrow({ where: { id: zoe.userId } });
    expect(bumped.sessionVersion).toBe(zoeRow.sessionVersion + 1);
    const fresh = await sessionCookie({ id: zoe.userId }, { sessionVersion: bumped.sessionVersion });
    expect(await getSessionUser(apiRequest("GET", "/api/x", { cookie: fresh }), deps)).toBeNull();
    expect(await members(class4a)).toContain(zoe.userId);
    expect(await hasAccess(t.db, zoe.userId, courseA)).toBe(true);

    const again = await call("PUT", `/api/school/users/${zoe.userId}/active`, cookies.teacher, { active: false });
    expect(await again.json()).toMatchObject({ changed: false });
    expect(await t.db.auditLog.count({ where: { action: "school.account_deactivated" } })).toBe(1);

    const back = await call("PUT", `/api/school/users/${zoe.userId}/active`, cookies.admin, { active: true });
    expect(back.status).toBe(200);
    expect((await signIn()).ok).toBe(true);
    expect(await getSessionUser(apiRequest("GET", "/api/x", { cookie: fresh }), deps)).not.toBeNull();
  });

  it("lets only school admins deactivate staff, nobody themselves; validates the body", async () => {
    const staff = await call("PUT", `/api/school/users/${foreign.id}/active`, cookies.teacher, { active: false });
    expect(staff.status).toBe(404); // not a pupil of the teacher
    const self = await call("PUT", `/api/school/users/${schoolAdmin.id}/active`, cookies.admin, { active: false });
    expect(self.status).toBe(403);
    const bad = await call("PUT", `/api/school/users/${foreign.id}/active`, cookies.admin, { active: "no" });
    expect(bad.status).toBe(400);
    const ok = await call("PUT", `/api/school/users/${foreign.id}/active`, cookies.admin, { active: false });
    expect(ok.status).toBe(200);
    expect(await getSessionUser(apiRequest("GET", "/api/x", { cookie: cookies.foreign }), deps)).toBeNull();
  });
});
