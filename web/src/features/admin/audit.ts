/**
 * Audit log of privileged actions (role changes, wallet link/unlink, password added, provider sign-up,
 * admin operations …). Write the row inside the same transaction as the change it describes.
 */
import type { Prisma, PrismaClient } from "@smolitux/db";

/** A Prisma client or an interactive-transaction client. */
export type DbClient = PrismaClient | Prisma.TransactionClient;

/** One audit entry. `action` is a stable dotted verb, e.g. `user.roles_changed`, `wallet.linked`. */
export interface AuditEntry {
  /** user who acted; null for the system or an anonymous caller */
  actorId: string | null;
  action: string;
  /** entity type, e.g. `User`, `Wallet`, `Course` */
  entity: string;
  entityId: string;
  /** JSON-serializable details (no secrets, no password material) */
  details?: Prisma.InputJsonObject;
}

/** Appends an audit row and returns its id. */
export async function recordAudit(db: DbClient, entry: AuditEntry): Promise<string> {
  const row = await db.auditLog.create({
    data: {
      actorId: entry.actorId,
      action: entry.action,
      entity: entry.entity,
      entityId: entry.entityId,
      details: entry.details ?? {},
    },
    select: { id: true },
  });
  return row.id;
}

/** The latest audit rows of one entity, newest first (for admin views and tests). */
export async function auditTrail(db: DbClient, entity: string, entityId: string, take = 50) {
  return db.auditLog.findMany({
    where: { entity, entityId },
    orderBy: { createdAt: "desc" },
    take,
    select: { id: true, actorId: true, action: true, details: true, createdAt: true },
  });
}
