/**
 * Redemption throttling, stored in the database (shared by all web replicas): every FAILED attempt
 * (unknown, expired, exhausted or malformed code) writes an audit row per key — sha256 of the user id
 * and of the client IP, so no IP is stored. Limits per window: {@link REDEEM_LIMIT}. The IP limit is
 * higher than the user limit because a school class shares one address.
 */
import { createHash } from "node:crypto";
import { recordAudit } from "@/features/admin/audit.ts";
import type { Db } from "../enrollment/db.ts";

export const REDEEM_LIMIT = { perUser: 10, perIp: 30, windowSeconds: 10 * 60 } as const;

const ENTITY = "AccessCodeAttempt";
const ACTION = "access_code.redeem_failed";

const key = (kind: "user" | "ip", value: string) => createHash("sha256").update(`${kind}\n${value}`).digest("hex");

/**
 * Seconds until the caller may try again, or 0 when not throttled.
 */
export async function redeemRetryAfter(db: Db, userId: string, ip: string, now: Date): Promise<number> {
  const since = new Date(now.getTime() - REDEEM_LIMIT.windowSeconds * 1000);
  let wait = 0;
  for (const [k, limit] of [
    [key("user", userId), REDEEM_LIMIT.perUser],
    [key("ip", ip), REDEEM_LIMIT.perIp],
  ] as const) {
    const rows = await db.auditLog.findMany({
      where: { entity: ENTITY, entityId: k, action: ACTION, createdAt: { gte: since } },
      orderBy: { createdAt: "desc" },
      take: limit,
      select: { createdAt: true },
    });
    if (rows.length >= limit) {
      const oldest = rows[rows.length - 1]!.createdAt.getTime();
      wait = Math.max(wait, Math.ceil((oldest + REDEEM_LIMIT.windowSeconds * 1000 - now.getTime()) / 1000), 1);
    }
  }
  return wait;
}

/** Records one failed attempt for the user and the IP. */
export async function recordRedeemFailure(db: Db, userId: string, ip: string, reason: string): Promise<void> {
  await recordAudit(db, {
    actorId: userId,
    action: ACTION,
    entity: ENTITY,
    entityId: key("user", userId),
    details: { reason },
  });
  await recordAudit(db, {
    actorId: null,
    action: ACTION,
    entity: ENTITY,
    entityId: key("ip", ip),
    details: { reason },
  });
}
