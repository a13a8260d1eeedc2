/**
 * zod schemas of the access-code API. Field errors of the studio's create form are codes the studio translates
 * (messages `studio.fieldErrors`).
 */
import { z } from "zod";

/** `POST /api/access-codes` body. */
export const createCodesSchema = z.object({
  courseId: z.string().min(1).max(64),
  /** number of codes to create */
  count: z.number({ error: "count_range" }).int("count_range").min(1, "count_range").max(1000, "count_range"),
  /** redemptions allowed per code (one per user) */
  maxUses: z
    .number({ error: "uses_range" })
    .int("uses_range")
    .min(1, "uses_range")
    .max(100_000, "uses_range")
    .default(1),
  /** ISO-8601 expiry (UTC); omitted = never expires; must be in the future */
  expiresAt: z.iso
    .datetime({ offset: true, error: "invalid" })
    .transform((v) => new Date(v))
    .refine((d) => d.getTime() > Date.now(), "expiry_past")
    .optional(),
});
export type CreateCodesInput = z.infer<typeof createCodesSchema>;

/** `GET /api/access-codes?courseId=…` query. */
export const listCodesQuery = z.object({ courseId: z.string().min(1).max(64) });

/** `POST /api/access-codes/redeem` body. */
export const redeemSchema = z.object({ code: z.string().trim().min(1).max(64) });
