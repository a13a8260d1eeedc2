/**
 * Client view of the indexer's enrollment status API (`GET /api/enrollments/status?course=<slug>`).
 * The UI shows "unlocked" only when this API says so — never because a transaction was mined.
 */
import { z } from "zod";

/** Response body of the status API (extra fields are ignored). */
export const enrollmentStatusSchema = z.looseObject({
  /** true when the signed-in user has an active enrollment in the course */
  enrolled: z.boolean().optional(),
  /** enrollment status (ACTIVE / REVOKED) when the API reports one */
  status: z.string().nullish(),
});

/**
 * Whether the status API response grants access: `enrolled === true` or `status === "ACTIVE"`.
 * Anything unparseable counts as locked.
 */
export function isUnlocked(body: unknown): boolean {
  const parsed = enrollmentStatusSchema.safeParse(body);
  if (!parsed.success) return false;
  return parsed.data.enrolled === true || parsed.data.status?.toUpperCase() === "ACTIVE";
}

/** URL of the status API for a course slug. */
export function enrollmentStatusUrl(slug: string): string {
  return `/api/enrollments/status?course=${encodeURIComponent(slug)}`;
}
