/** Integration (real PostgreSQL): classes, bulk pupils, username sign-in, class assignment, progress CSV, resets. */
import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../../test/db.ts";
import { createCourse, createProvider } from "@/features/catalog/testing/fixtures.ts";
import { hasAccess } from "@/features/enrollment/service.ts";
import type { SchoolActor } from "./access.ts";
import { publisherUsername } from "@/features/packs/import.ts";
import { setAccountActive } from "./accounts.ts";
import { assignCourseToClass, classDetail, createClass, listClasses, unassignCourseFromClass } from "./classes.ts";
import { classProgress, progressCsv } from "./progress.ts";
import {
  authenticateWithUsername,
  createPupils,
  createTeacher,
  listStaff,
  parsePupilCsv,
  resetPassword,
} from "./pupils.ts";
import { needsSetup, setupSchool } from "./setup.ts";

let tdb: TestDatabase;
let admin: SchoolActor;
let teacher: SchoolActor;
let otherTeacher: SchoolActor;
let courseId: string;

beforeAll(async () => {
  tdb = await createTestDatabase();
}, 60_000);
afterAll(async () => {
  await tdb?.drop();
});

const apiError = (code: string) => expect.objectContaining({ name: "ApiError", code });

describe("school set-up", () => {
  it("creates the first school admin only in offline mode and only once", async () => {
    const input = { schoolName: "Dorfschule", name: "Ada Admin", username: "ada", password: "correct horse battery" };
    await expect(setupSchool(tdb.db, input, { offline: false })).rejects.toThrow(apiError("forbidden"));
    expect(await needsSetup(tdb.db)).toBe(true);
    const [a, b] = await Promise.allSettled([
      setupSchool(tdb.db, input, { offline: true }),
      setupSchool(tdb.db, { ...input, username: "ada2" }, { offline: true }),
    ]);
    expect([a.status, b.status].sort()).toEqual(["fulfilled", "rejected"]);
    expect(await needsSetup(tdb.db)).toBe(false);
    const row = await tdb.db.user.findFirstOrThrow({ where: { roles: { has: "SCHOOL_ADMIN" } } });
    admin = { id: row.id, roles: row.roles };
    expect((await tdb.db.schoolSettings.findUniqueOrThrow({ where: { id: "school" } })).name).toBe("Dorfschule");
  });

  it("lets the school admin create teachers; teachers cannot", async () => {
    const t = await createTeacher(tdb.db, admin, { name: "Tom Teacher", username: "tom", password: "tom-password-1" });
    const t2 = await createTeacher(tdb.db, admin, { name: "Tina", username: "tina", password: "tina-password-1" });
    teacher = { id: t.id, roles: ["LEARNER", "TEACHER"] };
    otherTeacher = { id: t2.id, roles: ["LEARNER", "TEACHER"] };
    await expect(
      createTeacher(tdb.db, teacher, { name: "X", username: "xx-x", password: "0123456789" }),
    ).rejects.toThrow(apiError("forbidden"));
    await expect(
      createTeacher(tdb.db, admin, { name: "Dup", username: "tom", password: "0123456789" }),
    ).rejects.toThrow(apiError("conflict"));
  });
});

describe("classes and pupils", () => {
  let classId: string;
  let pupilIds: string[] = [];
  let passwords: Record<string, string> = {};

  it("creates a class, pupils from a form and from CSV, with printable initial passwords", async () => {
    const provider = await createProvider(tdb.db);
    courseId = await createCourse(tdb.db, provider, {
      slug: "fractions",
      title: "Fractions",
      lessons: ["Intro", "Halves"],
    });
    classId = (await createClass(tdb.db, teacher, "4b")).id;
    await expect(createClass(tdb.db, teacher, "4b")).rejects.toThrow(apiError("conflict"));
    await assignCourseToClass(tdb.db, teacher, classId, "fractions"); // before pupils: they are enrolled on creation

    const fromForm = await createPupils(tdb.db, teacher, classId, {
      pupils: [{ name: "Mia", username: "Mia.K" }],
    });
    const fromCsv = await createPupils(tdb.db, teacher, classId, {
      csv: 'name;username\nLeo Meier;leo.m\n"Zoë, die Große";zoe\n',
    });
    const all = [...fromForm, ...fromCsv];
    expect(all.map((p) => p.username)).toEqual(["mia.k", "leo.m", "zoe"]);
    expect(all.find((p) => p.username === "zoe")?.name).toBe("Zoë, die Große");
    for (const p of all) expect(p.password).toMatch(/^[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}$/);
    pupilIds = all.map((p) => p.userId);
    passwords = Object.fromEntries(all.map((p) => [p.username, p.password]));
    const stored = await tdb.db.user.findMany({
      where: { id: { in: pupilIds } },
      select: { email: true, passwordHash: true, roles: true },
    });
    for (const u of stored) {
      expect(u.email).toBeNull();
      expect(u.roles).toEqual(["LEARNER"]);
      expect(u.passwordHash).toMatch(/^\$argon2id\$/);
    }
    for (const id of pupilIds) expect(await hasAccess(tdb.db, id, courseId)).toBe(true);
    expect((await classDetail(tdb.db, teacher, classId)).pupils).toHaveLength(3);
    expect(await listClasses(tdb.db, teacher)).toEqual([
      expect.objectContaining({ name: "4b", pupils: 3, courses: 1 }),
    ]);
  });

  it("rejects a whole batch with a taken or duplicate username, naming it, and writes nothing", async () => {
    const before = await tdb.db.user.count();
    await expect(
      createPupils(tdb.db, teacher, classId, {
        pupils: [
          { name: "New", username: "new1" },
          { name: "Leo 2", username: "leo.m" },
        ],
      }),
    ).rejects.toThrow(expect.objectContaining({ code: "conflict", fields: { "leo.m": "taken" } }));
    await expect(
      createPupils(tdb.db, teacher, classId, {
        pupils: [
          { name: "A", username: "same" },
          { name: "B", username: "same" },
        ],
      }),
    ).rejects.toThrow(apiError("validation_failed"));
    expect(() => parsePupilCsv("name,username\nOk,okay\nBad,no@mail\n")).toThrow(
      expect.objectContaining({ fields: { "line 3": "invalid_username" } }),
    );
    // A Windows-1252 export ("Jürgen Groß") read as UTF-8: refused as a whole, no garbled account.
    const latin1 = new TextDecoder("utf-8").decode(Buffer.from("name;username\nJ\xfcrgen Gro\xdf;juergen\n", "latin1"));
    await expect(createPupils(tdb.db, teacher, classId, { csv: latin1 })).rejects.toThrow(
      expect.objectContaining({ code: "validation_failed", fields: { csv: "invalid_encoding" } }),
    );
    await expect(
      createPupils(tdb.db, teacher, classId, { pupils: [{ name: "J\uFFFDrgen", username: "juergen" }] }),
    ).rejects.toThrow(expect.objectContaining({ fields: { "pupils.0.name": "invalid_encoding" } }));
    expect(await tdb.db.user.count()).toBe(before);
  });

  it("reads tab-separated exports (header optional) like comma- and semicolon-separated ones", () => {
    expect(parsePupilCsv("name\tusername\nJonas Weiß\tjonas.w\n")).toEqual([
      { name: "Jonas Weiß", username: "jonas.w" },
    ]);
    expect(parsePupilCsv("Ana Lima\tana.l\r\nBo Li\tbo.li\r\n").map((r) => r.username)).toEqual(["ana.l", "bo.li"]);
  });

  it("keeps other teachers out of the class (404) and signs pupils in by username", async () => {
    await expect(classDetail(tdb.db, otherTeacher, classId)).rejects.toThrow(apiError("not_found"));
    await expect(
      createPupils(tdb.db, otherTeacher, classId, { pupils: [{ name: "X", username: "xyz" }] }),
    ).rejects.toThrow(apiError("not_found"));
    expect((await classDetail(tdb.db, admin, classId)).name).toBe("4b");
    const ok = await authenticateWithUsername(
      tdb.db,
      { username: "leo.m", password: passwords["leo.m"] ?? "" },
      "1.2.3.4",
    );
    expect(ok).toMatchObject({ ok: true, user: { name: "Leo Meier", email: null } });
    const bad = await authenticateWithUsername(tdb.db, { username: "leo.m", password: "wrong-password" }, "1.2.3.4");
    expect(bad).toEqual({ ok: false, reason: "invalid" });
  });

  it("resets a pupil's password (teacher of the class only); the old one stops working", async () => {
    const mia = pupilIds[0] ?? "";
    await expect(resetPassword(tdb.db, otherTeacher, mia)).rejects.toThrow(apiError("not_found"));
    await expect(resetPassword(tdb.db, teacher, teacher.id)).rejects.toThrow(apiError("not_found"));
    const fresh = await resetPassword(tdb.db, teacher, mia);
    expect(fresh.password).not.toBe(passwords["mia.k"]);
    expect(
      (await authenticateWithUsername(tdb.db, { username: "mia.k", password: passwords["mia.k"] ?? "" }, "5.6.7.8")).ok,
    ).toBe(false);
    expect(
      (await authenticateWithUsername(tdb.db, { username: "mia.k", password: fresh.password }, "5.6.7.8")).ok,
    ).toBe(true);
  });

  it("reports class progress per pupil, lesson and quiz, and exports it as CSV", async () => {
    const lessons = await tdb.db.lesson.findMany({ where: { section: { courseId } }, orderBy: { position: "asc" } });
    const [intro, halves] = lessons;
    const leo = pupilIds[1] ?? "";
    await tdb.db.lesson.update({ where: { id: halves?.id ?? "" }, data: { kind: "QUIZ" } });
    await tdb.db.lessonProgress.create({
      data: { userId: leo, lessonId: intro?.id ?? "", completedAt: new Date("2026-12-01T10:00:00Z") },
    });
    await tdb.db.quizAttempt.createMany({
      data: [
        { userId: leo, lessonId: halves?.id ?? "", answers: {}, scorePercent: 50, passed: false },
        { userId: leo, lessonId: halves?.id ?? "", answers: {}, scorePercent: 100, passed: true },
      ],
    });
    const p = await classProgress(tdb.db, teacher, classId, courseId);
    expect(p.lessons.map((l) => l.title)).toEqual(["Intro", "Halves"]);
    const leoRow = p.rows.find((r) => r.username === "leo.m");
    expect(leoRow?.completedLessons).toBe(1);
    expect(leoRow?.cells[1]).toEqual({ completedAt: null, quizBestPercent: 100, quizPassed: true, quizAttempts: 2 });
    expect(p.rows.find((r) => r.username === "zoe")?.cells[1]).toMatchObject({ quizPassed: null, quizAttempts: 0 });

    const text = progressCsv(p);
    expect(text.startsWith("\uFEFFclass,pupil,username,")).toBe(true); // BOM: Excel reads UTF-8
    const csv = parse(text, { columns: true, bom: true }) as Record<string, string>[];
    expect(csv).toHaveLength(6); // 3 pupils × 2 lessons
    expect(csv.find((r) => r.username === "leo.m" && r.lesson === "Halves")).toMatchObject({
      class: "4b",
      pupil: "Leo Meier",
      quiz_best_percent: "100",
      quiz_passed: "yes",
      quiz_attempts: "2",
    });
    expect(csv.find((r) => r.username === "leo.m" && r.lesson === "Intro")?.completed_at).toBe(
      "2026-12-01T10:00:00.000Z",
    );
    await expect(classProgress(tdb.db, otherTeacher, classId, courseId)).rejects.toThrow(apiError("not_found"));
  });

  it("neutralizes spreadsheet formulas in the CSV", async () => {
    const p = await classProgress(tdb.db, teacher, classId, courseId);
    const evil = { ...p, rows: p.rows.map((r) => ({ ...r, name: '=HYPERLINK("x")' })) };
    expect(progressCsv(evil)).toContain("'=HYPERLINK");
  });

  it("lists the staff for the school admin, who resets a teacher's forgotten password", async () => {
    const staff = await listStaff(tdb.db, admin);
    expect(staff.map((s) => [s.username, s.classes, s.active])).toEqual([
      ["tina", 0, true],
      ["tom", 1, true],
    ]); // the admin itself is not listed; pupils neither
    await expect(listStaff(tdb.db, teacher)).rejects.toThrow(apiError("forbidden"));
    await expect(resetPassword(tdb.db, otherTeacher, teacher.id)).rejects.toThrow(apiError("not_found"));
    const fresh = await resetPassword(tdb.db, admin, teacher.id);
    expect(fresh.username).toBe("tom");
    const signIn = (password: string) => authenticateWithUsername(tdb.db, { username: "tom", password }, "9.9.9.9");
    expect((await signIn("tom-password-1")).ok).toBe(false);
    expect((await signIn(fresh.password)).ok).toBe(true);
  });

  it("lists a deactivated staff account as inactive until it is reactivated", async () => {
    const active = async () => (await listStaff(tdb.db, admin)).map((s) => [s.username, s.active]);
    await setAccountActive(tdb.db, admin, otherTeacher.id, false);
    expect(await active()).toEqual([
      ["tina", false],
      ["tom", true],
    ]); // still listed, so the admin can reactivate it
    await setAccountActive(tdb.db, admin, otherTeacher.id, true);
    expect(await active()).toEqual([
      ["tina", true],
      ["tom", true],
    ]);
  });

  it("never gives a course pack's publisher account a password or deactivates it (not a person: 404)", async () => {
    // as features/packs/import.ts creates it: username pack-<hash>, PROVIDER only, no password
    const publisher = await tdb.db.user.create({
      data: { username: publisherUsername("did:key:z6MkTestPublisher"), name: "Other academy", roles: ["PROVIDER"] },
    });
    await expect(resetPassword(tdb.db, admin, publisher.id)).rejects.toThrow(apiError("not_found"));
    await expect(setAccountActive(tdb.db, admin, publisher.id, false)).rejects.toThrow(apiError("not_found"));
    const row = await tdb.db.user.findUniqueOrThrow({ where: { id: publisher.id } });
    expect([row.passwordHash, row.deactivatedAt]).toEqual([null, null]);
    expect((await listStaff(tdb.db, admin)).map((s) => s.id)).not.toContain(publisher.id);
  });

  it("removing the course from the class revokes the class assignment", async () => {
    await unassignCourseFromClass(tdb.db, teacher, classId, courseId);
    for (const id of pupilIds) expect(await hasAccess(tdb.db, id, courseId)).toBe(false);
  });
});
