/** zod schemas of the admin API inputs (field messages are stable codes). */
import { z } from "zod";
import { emailSchema } from "@/features/auth/schemas.ts";

/** `POST /api/admin/enrollments` body: assign the user with this e-mail to the published course `courseSlug`. */
export const assignmentSchema = z.object({
  courseSlug: z
    .string({ error: "required" })
    .trim()
    .min(1, "required")
    .max(200, "too_long")
    .regex(/^[a-z0-9][a-z0-9-]*$/, "invalid_slug"),
  userEmail: emailSchema,
});
export type AssignmentInput = z.infer<typeof assignmentSchema>;

/** `GET /api/admin/users?email=` query. */
export const userLookupSchema = z.object({ email: emailSchema });

/** Route parameter of `DELETE /api/admin/enrollments/<id>` (a cuid). */
export const enrollmentIdSchema = z.string().regex(/^[a-z0-9]{1,64}$/i);
