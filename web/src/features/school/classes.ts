/**
 * Classes: a teacher's group of pupils. Assigning a course to a class is "a school admin's assignment" in
 * the sense of docs/ARCHITECTURE.md: every member gets an ADMIN enrollment (sourceRef `class:<classId>`), and
 * pupils added later are enrolled in the class's courses. Removing a course from a class removes those
 * assignments (purchases and codes still grant access; enrollment/service `revokeAssignment`).
 */
import type { PrismaClient, Prisma } from "@smolitux/db";
import { recordAudit } from "@/features/admin/audit.ts";
import { grantEnrollment, revokeAssignment } from "@/features/enrollment/service.ts";
import { ApiError } from "@/server/http.ts";
import { isSchoolAdmin, requireManagedClass, requireTeacher, type SchoolActor } from "./access.ts";

type Tx = Prisma.TransactionClient;

/** Enrollment reference of a class assignment. */
export const classRef = (classId: string) => `class:${classId}`;

/** A class as lists show it. */
export interface ClassSummary {
  id: string;
  name: string;
  teacherName: string | null;
  pupils: number;
  courses: number;
}

/**
 * Creates a class led by `actor`.
 * @throws ApiError forbidden (not a teacher/admin), conflict (the actor already has a class with this name)
 */
export async function createClass(
  db: PrismaClient,
  actor: SchoolActor,
  name: string,
): Promise<{ id: string; name: string }> {
  requireTeacher(actor);
  try {
    return await db.$transaction(async (tx) => {
      const row = await tx.schoolClass.create({
        data: { name, teacherId: actor.id },
        select: { id: true, name: true },
      });
      await recordAudit(tx, {
        actorId: actor.id,
        action: "school.class_created",
        entity: "SchoolClass",
        entityId: row.id,
      });
      return row;
    });
  } catch (err) {
    if ((err as { code?: string }).code === "P2002") {
      throw new ApiError("conflict", "You already have a class with this name.", { name: "taken" });
    }
    throw err;
  }
}

/** The classes `actor` manages (all classes for school admins), by name. */
export async function listClasses(db: PrismaClient, actor: SchoolActor): Promise<ClassSummary[]> {
  requireTeacher(actor);
  const rows = await db.schoolClass.findMany({
    where: isSchoolAdmin(actor) ? {} : { teacherId: actor.id },
    orderBy: { name: "asc" },
    select: {
      id: true,
      name: true,
      teacher: { select: { name: true } },
      _count: { select: { members: true, courses: true } },
    },
  });
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    teacherName: r.teacher.name,
    pupils: r._count.members,
    courses: r._count.courses,
  }));
}

/** One class with its pupils and courses. */
export interface ClassDetail {
  id: string;
  name: string;
  /** `active` false: the account was deactivated (accounts.ts) */
  pupils: { id: string; name: string | null; username: string | null; active: boolean }[];
  courses: { id: string; slug: string; title: string }[];
}

/** @throws ApiError not_found unless the actor manages the class */
export async function classDetail(db: PrismaClient, actor: SchoolActor, classId: string): Promise<ClassDetail> {
  const klass = await requireManagedClass(db, actor, classId);
  const [members, courses] = await Promise.all([
    db.classMember.findMany({
      where: { classId },
      orderBy: { user: { name: "asc" } },
      select: { user: { select: { id: true, name: true, username: true, deactivatedAt: true } } },
    }),
    db.classCourse.findMany({
      where: { classId },
      orderBy: { assignedAt: "asc" },
      select: { course: { select: { id: true, slug: true, title: true } } },
    }),
  ]);
  return {
    id: klass.id,
    name: klass.name,
    pupils: members.map(({ user: { deactivatedAt, ...u } }) => ({ ...u, active: deactivatedAt === null })),
    courses: courses.map((c) => c.course),
  };
}

/** Enrolls `userIds` in every course of the class (inside the caller's transaction). */
export async function enrollInClassCourses(tx: Tx, classId: string, userIds: string[], actorId: string): Promise<void> {
  const courses = await tx.classCourse.findMany({ where: { classId }, select: { courseId: true } });
  for (const { courseId } of courses) {
    for (const userId of userIds) {
      await grantEnrollment(tx, { userId, courseId, source: "ADMIN", sourceRef: classRef(classId) });
    }
  }
  if (courses.length && userIds.length) {
    await recordAudit(tx, {
      actorId,
      action: "enrollment.class_assigned",
      entity: "SchoolClass",
      entityId: classId,
      details: { userIds, courseIds: courses.map((c) => c.courseId) },
    });
  }
}

/**
 * Assigns the published course `courseSlug` to the class: every pupil is enrolled (source ADMIN). Idempotent.
 * @returns `changed` false when the course was already assigned
 * @throws ApiError not_found (class, or no published course with this slug)
 */
export async function assignCourseToClass(
  db: PrismaClient,
  actor: SchoolActor,
  classId: string,
  courseSlug: string,
): Promise<{ courseId: string; enrolled: number; changed: boolean }> {
  const klass = await requireManagedClass(db, actor, classId);
  const course = await db.course.findUnique({ where: { slug: courseSlug }, select: { id: true, status: true } });
  if (!course || course.status !== "PUBLISHED") {
    throw new ApiError("not_found", "No published course with this address.", { courseSlug: "unknown" });
  }
  return db.$transaction(
    async (tx) => {
      const created = await tx.classCourse.createMany({
        data: [{ classId: klass.id, courseId: course.id }],
        skipDuplicates: true,
      });
      const members = await tx.classMember.findMany({ where: { classId: klass.id }, select: { userId: true } });
      for (const m of members) {
        await grantEnrollment(tx, {
          userId: m.userId,
          courseId: course.id,
          source: "ADMIN",
          sourceRef: classRef(klass.id),
        });
      }
      await recordAudit(tx, {
        actorId: actor.id,
        action: "school.course_assigned",
        entity: "SchoolClass",
        entityId: klass.id,
        details: { courseId: course.id, pupils: members.length },
      });
      return { courseId: course.id, enrolled: members.length, changed: created.count === 1 };
    },
    { timeout: 60_000, maxWait: 10_000 },
  );
}

/**
 * Removes a course from the class and the class's assignments of it (a pupil keeps access granted by
 * another class, a purchase or a code).
 * @throws ApiError not_found (class or assignment)
 */
export async function unassignCourseFromClass(
  db: PrismaClient,
  actor: SchoolActor,
  classId: string,
  courseId: string,
): Promise<void> {
  const klass = await requireManagedClass(db, actor, classId);
  await db.$transaction(
    async (tx) => {
      const gone = await tx.classCourse.deleteMany({ where: { classId: klass.id, courseId } });
      if (gone.count === 0) throw new ApiError("not_found", "This course is not assigned to the class.");
      const rows = await tx.enrollment.findMany({
        where: { courseId, source: "ADMIN", sourceRef: classRef(klass.id), status: "ACTIVE" },
        select: { userId: true },
      });
      for (const r of rows) {
        // Another class of the pupil with the same course keeps the assignment alive.
        const other = await tx.classCourse.findFirst({
          where: { courseId, class: { members: { some: { userId: r.userId } } } },
          select: { classId: true },
        });
        if (other)
          await grantEnrollment(tx, {
            userId: r.userId,
            courseId,
            source: "ADMIN",
            sourceRef: classRef(other.classId),
          });
        else await revokeAssignment(tx, r.userId, courseId);
      }
      await recordAudit(tx, {
        actorId: actor.id,
        action: "school.course_unassigned",
        entity: "SchoolClass",
        entityId: klass.id,
        details: { courseId, pupils: rows.length },
      });
    },
    { timeout: 60_000, maxWait: 10_000 },
  );
}
