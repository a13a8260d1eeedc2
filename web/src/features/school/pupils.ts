/**
 * Accounts without e-mail for schools: pupils created in bulk by a teacher into a class (form rows or a CSV
 * with columns `name,username`), teacher accounts created by a school admin, password resets by the pupil's
 * teacher, and username + password sign-in. Initial and reset passwords are random (passwords.ts), returned
 * ONCE to the teacher for printing (sign-in cards) and stored only as Argon2id hashes.
 */
import { parse } from "csv-parse/sync";
import type { PrismaClient } from "@smolitux/db";
import { recordAudit } from "@/features/admin/audit.ts";
import { hashPassword, verifyPassword } from "@/features/auth/password.ts";
import { recordSignInFailure, recordSignInSuccess, signInRetryAfter } from "@/features/auth/rate-limit.ts";
import { invalidateSessions } from "@/server/auth.ts";
import type { SessionUser } from "@/server/auth.ts";
import { ApiError, parseInput, zodFields } from "@/server/http.ts";
import {
  isSchoolAccount,
  isSchoolAdmin,
  requireManagedClass,
  requireSchoolAdmin,
  requireTeacher,
  type SchoolActor,
} from "./access.ts";
import { enrollInClassCourses } from "./classes.ts";
import { generateInitialPassword } from "./passwords.ts";
import {
  bulkPupilsSchema,
  MAX_PUPILS_PER_REQUEST,
  pupilRowSchema,
  type BulkPupilsInput,
  type CreateTeacherInput,
  type PupilRow,
  type UsernameSignInInput,
} from "./schemas.ts";

/** A created account with its initial password (shown once). */
export interface IssuedCredentials {
  userId: string;
  name: string;
  username: string;
  password: string;
}

/**
 * The delimiter of a pupil CSV from its first line: `;` (spreadsheets in comma-decimal locales) or a tab
 * ("Text (tab delimited)" / "Unicode text" exports) when the line has it and no comma; else `,`.
 */
function csvDelimiter(firstLine: string): "," | ";" | "\t" {
  if (firstLine.includes(",")) return ",";
  if (firstLine.includes(";")) return ";";
  return firstLine.includes("\t") ? "\t" : ",";
}

/**
 * Parses CSV text of pupils: columns `name,username` (a header row naming them is optional; `,`, `;` or tab
 * separated; UTF-8 BOM allowed). Text that was not UTF-8 (a Windows-1252 or UTF-16 export decoded as UTF-8
 * carries U+FFFD replacement characters) is refused as a whole instead of creating garbled names.
 * @throws ApiError validation_failed naming each bad line (`fields["line 3"] = "invalid_username"`), or
 *   `fields.csv` = "invalid_encoding" (text that was not UTF-8), "unreadable" (no CSV), "required" (no rows),
 *   "too_many" (over MAX_PUPILS_PER_REQUEST)
 */
export function parsePupilCsv(text: string): PupilRow[] {
  if (text.includes("\uFFFD")) {
    throw new ApiError(
      "validation_failed",
      "The CSV file is not UTF-8 text. Save it as “CSV UTF-8” in your spreadsheet program and upload it again.",
      { csv: "invalid_encoding" },
    );
  }
  const firstLine = text.replace(/^\uFEFF/, "").split(/\r?\n/, 1)[0] ?? "";
  const delimiter = csvDelimiter(firstLine);
  let records: string[][];
  try {
    records = parse(text, { bom: true, delimiter, skip_empty_lines: true, trim: true, relax_column_count: true });
  } catch (err) {
    throw new ApiError("validation_failed", `The CSV file could not be read: ${(err as Error).message}`, {
      csv: "unreadable",
    });
  }
  const header = records[0]?.map((h) => h.toLowerCase());
  const hasHeader = header?.includes("username") ?? false;
  const nameAt = hasHeader ? (header?.findIndex((h) => h === "name" || h === "display name") ?? 0) : 0;
  const userAt = hasHeader ? (header?.indexOf("username") ?? 1) : 1;
  const rows = hasHeader ? records.slice(1) : records;
  if (rows.length === 0) throw new ApiError("validation_failed", "The CSV file has no pupils.", { csv: "required" });
  if (rows.length > MAX_PUPILS_PER_REQUEST) {
    throw new ApiError("validation_failed", `At most ${MAX_PUPILS_PER_REQUEST} pupils per upload.`, {
      csv: "too_many",
    });
  }
  const fields: Record<string, string> = {};
  const out: PupilRow[] = [];
  rows.forEach((r, i) => {
    const line = i + 1 + (hasHeader ? 1 : 0);
    const parsed = pupilRowSchema.safeParse({ name: r[nameAt < 0 ? 0 : nameAt], username: r[userAt] });
    if (parsed.success) out.push(parsed.data);
    else fields[`line ${line}`] = Object.values(zodFields(parsed.error))[0] ?? "invalid";
  });
  if (Object.keys(fields).length)
    throw new ApiError("validation_failed", "Some lines of the CSV file are invalid.", fields);
  return out;
}

/**
 * Creates pupil accounts (role LEARNER, no e-mail) and adds them to the class; they are enrolled in every
 * course assigned to the class. All or nothing: one taken or duplicate username rejects the whole request.
 * @throws ApiError not_found (class), validation_failed (input), conflict (`fields[username] = "taken"`)
 */
export async function createPupils(
  db: PrismaClient,
  actor: SchoolActor,
  classId: string,
  input: BulkPupilsInput,
): Promise<IssuedCredentials[]> {
  const klass = await requireManagedClass(db, actor, classId);
  const parsed = parseInput(bulkPupilsSchema, input);
  const rows = "csv" in parsed ? parsePupilCsv(parsed.csv) : parsed.pupils;
  const seen = new Set<string>();
  const dupes: Record<string, string> = {};
  for (const r of rows) {
    if (seen.has(r.username)) dupes[r.username] = "duplicate";
    seen.add(r.username);
  }
  if (Object.keys(dupes).length) throw new ApiError("validation_failed", "A username appears twice.", dupes);
  const taken = await db.user.findMany({
    where: { username: { in: [...seen] } },
    select: { username: true },
  });
  if (taken.length) {
    throw new ApiError(
      "conflict",
      `These usernames are taken: ${taken.map((t) => t.username).join(", ")}.`,
      Object.fromEntries(taken.map((t) => [t.username ?? "", "taken"])),
    );
  }
  const prepared = await Promise.all(
    rows.map(async (r) => {
      const password = generateInitialPassword();
      return { ...r, password, passwordHash: await hashPassword(password) };
    }),
  );
  try {
    return await db.$transaction(
      async (tx) => {
        const issued: IssuedCredentials[] = [];
        for (const p of prepared) {
          const user = await tx.user.create({
            data: { name: p.name, username: p.username, passwordHash: p.passwordHash, roles: ["LEARNER"] },
            select: { id: true },
          });
          await tx.classMember.create({ data: { classId: klass.id, userId: user.id } });
          issued.push({ userId: user.id, name: p.name, username: p.username, password: p.password });
        }
        await enrollInClassCourses(
          tx,
          klass.id,
          issued.map((i) => i.userId),
          actor.id,
        );
        await recordAudit(tx, {
          actorId: actor.id,
          action: "school.pupils_created",
          entity: "SchoolClass",
          entityId: klass.id,
          details: { usernames: issued.map((i) => i.username) },
        });
        return issued;
      },
      { timeout: 60_000, maxWait: 10_000 },
    );
  } catch (err) {
    if ((err as { code?: string }).code === "P2002") {
      throw new ApiError("conflict", "A username was taken meanwhile; try again.", { username: "taken" });
    }
    throw err;
  }
}

/**
 * Sets a new random password for `userId` and returns it (once).
 * @throws ApiError not_found (no such user, not a school account — e.g. a pack publisher's —, or not a pupil of a
 *   class the actor manages), forbidden (staff account and the actor is not a school admin)
 */
export async function resetPassword(db: PrismaClient, actor: SchoolActor, userId: string): Promise<IssuedCredentials> {
  requireTeacher(actor);
  const target = await db.user.findUnique({
    where: { id: userId },
    select: {
      id: true,
      name: true,
      username: true,
      roles: true,
      classes: { select: { class: { select: { teacherId: true } } } },
    },
  });
  const admin = isSchoolAdmin(actor);
  const teaches = target?.classes.some((c) => c.class.teacherId === actor.id) ?? false;
  if (!target || !target.username || !isSchoolAccount(target) || (!admin && !teaches)) {
    throw new ApiError("not_found", "Pupil not found.");
  }
  const staff = target.roles.some((r) => r !== "LEARNER");
  if (staff && !admin) throw new ApiError("forbidden", "Only a school admin can reset a staff password.");
  const password = generateInitialPassword();
  const passwordHash = await hashPassword(password);
  await db.$transaction(async (tx) => {
    await tx.user.update({ where: { id: target.id }, data: { passwordHash } });
    // The old password's sessions end with it (server-side session invalidation).
    await invalidateSessions(tx, target.id);
    await recordAudit(tx, { actorId: actor.id, action: "school.password_reset", entity: "User", entityId: target.id });
  });
  return { userId: target.id, name: target.name ?? target.username, username: target.username, password };
}

/**
 * A school admin creates a teacher account (roles LEARNER + TEACHER, username sign-in, chosen password).
 * @throws ApiError forbidden, conflict (`fields.username = "taken"`)
 */
export async function createTeacher(
  db: PrismaClient,
  actor: SchoolActor,
  input: CreateTeacherInput,
): Promise<{ id: string; username: string }> {
  requireSchoolAdmin(actor);
  const taken = new ApiError("conflict", "This username is taken.", { username: "taken" });
  if (await db.user.findUnique({ where: { username: input.username }, select: { id: true } })) throw taken;
  const passwordHash = await hashPassword(input.password);
  try {
    return await db.$transaction(async (tx) => {
      const user = await tx.user.create({
        data: { name: input.name, username: input.username, passwordHash, roles: ["LEARNER", "TEACHER"] },
        select: { id: true, username: true },
      });
      await recordAudit(tx, { actorId: actor.id, action: "school.teacher_created", entity: "User", entityId: user.id });
      return { id: user.id, username: input.username };
    });
  } catch (err) {
    if ((err as { code?: string }).code === "P2002") throw taken;
    throw err;
  }
}

/** A staff account with username sign-in, as a school admin sees it. */
export interface StaffAccount {
  id: string;
  name: string | null;
  username: string;
  roles: SessionUser["roles"];
  /** classes this account teaches */
  classes: number;
  /** false once a school admin deactivated the account (User.deactivatedAt; accounts.ts) */
  active: boolean;
}

/**
 * The school's teachers and other school admins with username sign-in (the actor excluded: they change their own
 * password on /account), for the admin's list with "Reset password" — without e-mail a forgotten staff password
 * has no other way back — and "Deactivate" / "Reactivate" (`active`). Deactivated accounts are listed too. Sorted by
 * name.
 * @throws ApiError forbidden (not a school admin)
 */
export async function listStaff(db: PrismaClient, actor: SchoolActor): Promise<StaffAccount[]> {
  requireSchoolAdmin(actor);
  const rows = await db.user.findMany({
    where: { username: { not: null }, roles: { hasSome: ["TEACHER", "SCHOOL_ADMIN"] }, id: { not: actor.id } },
    orderBy: [{ name: "asc" }, { username: "asc" }],
    select: {
      id: true,
      name: true,
      username: true,
      roles: true,
      deactivatedAt: true,
      _count: { select: { teaching: true } },
    },
  });
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    username: r.username ?? "",
    roles: r.roles,
    classes: r._count.teaching,
    active: r.deactivatedAt === null,
  }));
}

export type UsernameSignInResult =
  | { ok: true; user: SessionUser }
  | { ok: false; reason: "invalid" }
  /** right password, but the account is deactivated (accounts.ts) */
  | { ok: false; reason: "deactivated" }
  | { ok: false; reason: "rate_limited"; retryAfterSeconds: number };

/**
 * Checks a username + password with the same throttling and constant-time rules as e-mail sign-in
 * (features/auth/credentials.ts): unknown user and wrong password give the same `invalid`.
 */
export async function authenticateWithUsername(
  db: PrismaClient,
  input: UsernameSignInInput,
  ip: string,
  now: Date = new Date(),
): Promise<UsernameSignInResult> {
  const account = `username:${input.username}`;
  const wait = await signInRetryAfter(db, account, ip, now);
  if (wait > 0) return { ok: false, reason: "rate_limited", retryAfterSeconds: wait };
  const row = await db.user.findUnique({
    where: { username: input.username },
    select: { id: true, email: true, name: true, roles: true, passwordHash: true, deactivatedAt: true },
  });
  const valid = await verifyPassword(row?.passwordHash ?? null, input.password);
  if (!row || !valid) {
    await recordSignInFailure(db, account, ip, now);
    return { ok: false, reason: "invalid" };
  }
  // Told only to whoever knows the password, so it reveals nothing to a guesser.
  if (row.deactivatedAt) return { ok: false, reason: "deactivated" };
  await recordSignInSuccess(db, account, ip, row.id);
  const { passwordHash: _omit, deactivatedAt: _active, ...user } = row;
  return { ok: true, user };
}
