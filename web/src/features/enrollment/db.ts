/** Database handle helpers shared by the enrollment, indexer and access-code services. */
import type { Prisma, PrismaClient } from "@smolitux/db";

/** A Prisma client or an interactive-transaction client. */
export type Db = PrismaClient | Prisma.TransactionClient;

/** Runs `fn` in a transaction: a new one on a client, or the caller's when `db` already is one. */
export async function inTransaction<T>(db: Db, fn: (tx: Prisma.TransactionClient) => Promise<T>): Promise<T> {
  if ("$transaction" in db) return db.$transaction(fn, { timeout: 30_000, maxWait: 10_000 });
  return fn(db);
}

/** Whether `err` is a unique-constraint violation (Prisma P2002 or PostgreSQL 23505). */
export function isUniqueViolation(err: unknown): boolean {
  if (typeof err !== "object" || err === null) return false;
  const e = err as { code?: unknown; cause?: unknown; meta?: { driverAdapterError?: { cause?: { code?: unknown } } } };
  if (e.code === "P2002" || e.code === "23505") return true;
  if (e.meta?.driverAdapterError?.cause?.code === "23505") return true;
  return e.cause !== undefined && e.cause !== err && isUniqueViolation(e.cause);
}
