/**
 * zod schemas of the school feature (classes, pupils without e-mail, class progress). Field messages are
 * stable codes the UI translates (`school.fieldErrors`).
 */
import { z } from "zod";
import { displayNameSchema, passwordSchema } from "@/features/auth/schemas.ts";

/** Sign-in name: 3–40 of a-z 0-9 . _ - (stored lowercase; never contains "@", so it cannot look like an e-mail). */
export const usernameSchema = z
  .string({ error: "required" })
  .trim()
  .toLowerCase()
  .min(3, "too_short")
  .max(40, "too_long")
  .regex(/^[a-z0-9][a-z0-9._-]*$/, "invalid_username");

/** One pupil to create. */
export const pupilRowSchema = z.object({
  // U+FFFD: text decoded with the wrong encoding (e.g. a Windows-1252 file read as UTF-8) — refuse, do not store it
  name: displayNameSchema.refine((v) => !v.includes("\uFFFD"), "invalid_encoding"),
  username: usernameSchema,
});
export type PupilRow = z.infer<typeof pupilRowSchema>;

/** Maximum pupils per bulk request. */
export const MAX_PUPILS_PER_REQUEST = 200;

/** Bulk creation: rows from the form, or a CSV text (columns `name,username`, header optional). */
export const bulkPupilsSchema = z.union(
  [
    z.object({ pupils: z.array(pupilRowSchema).min(1, "required").max(MAX_PUPILS_PER_REQUEST, "too_many") }),
    z.object({ csv: z.string({ error: "required" }).min(1, "required").max(200_000, "too_long") }),
  ],
  { error: "required" },
);
export type BulkPupilsInput = z.infer<typeof bulkPupilsSchema>;

export const classNameSchema = z.string({ error: "required" }).trim().min(1, "required").max(80, "too_long");
export const createClassSchema = z.object({ name: classNameSchema });

/** A teacher account created by a school admin. */
export const createTeacherSchema = z.object({
  name: displayNameSchema,
  username: usernameSchema,
  password: passwordSchema,
});
export type CreateTeacherInput = z.infer<typeof createTeacherSchema>;

export const assignCourseSchema = z.object({
  courseSlug: z.string({ error: "required" }).trim().min(1, "required").max(200, "too_long"),
});

/** First school admin of an offline instance (`/setup`). */
export const setupSchema = z.object({
  schoolName: z.string({ error: "required" }).trim().min(1, "required").max(120, "too_long"),
  name: displayNameSchema,
  username: usernameSchema,
  password: passwordSchema,
});
export type SetupInput = z.infer<typeof setupSchema>;

/** Username + password sign-in (next-auth provider "username"). */
export const usernameSignInSchema = z.object({
  username: usernameSchema,
  password: z.string({ error: "required" }).min(1, "required").max(200, "too_long"),
});
export type UsernameSignInInput = z.infer<typeof usernameSignInSchema>;

/** Moving a pupil: the class to move to (a class id; must be managed by the caller). */
export const movePupilSchema = z.object({
  toClassId: z.string({ error: "required" }).trim().min(1, "required").max(64, "too_long"),
});

/** Deactivating (`active: false`) or reactivating (`active: true`) a school account. */
export const accountActiveSchema = z.object({ active: z.boolean({ error: "required" }) });
