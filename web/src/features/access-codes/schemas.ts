/** zod schemas of the access-code API. */
import { z } from "zod";

/** `POST /api/access-codes` body. */
export const createCodesSchema = z.object({
  courseId: z.string().min(1).max(64),
  /** number of codes to create */
  count: z.number().int().min(1).max(1000),
  /** redemptions allowed per code (one per user) */
  maxUses: z.number().int().min(1).max(100_000).default(1),
  /** ISO-8601 expiry (UTC); omitted = never expires; must be in the future */
  expiresAt: z.iso
    .datetime({ offset: true })
    .transform((v) => new Date(v))
    .refine((d) => d.getTime() > Date.now(), "must be in the future")
    .optional(),
});
export type CreateCodesInput = z.infer<typeof createCodesSchema>;

/** `GET /api/access-codes?courseId=…` query. */
export const listCodesQuery = z.object({ courseId: z.string().min(1).max(64) });

/** `POST /api/access-codes/redeem` body. */
export const redeemSchema = z.object({ code: z.string().trim().min(1).max(64) });
