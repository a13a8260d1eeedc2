/** The process-wide Prisma client (one pool per process; reused across Next.js hot reloads in dev). */
import { createPrismaClient, type PrismaClient } from "@smolitux/db";
import { env } from "./env.ts";

const globalForDb = globalThis as unknown as { smolituxDb?: PrismaClient };

/** Shared Prisma client bound to DATABASE_URL. */
export function db(): PrismaClient {
  if (!globalForDb.smolituxDb) {
    const e = env();
    globalForDb.smolituxDb = createPrismaClient(e.DATABASE_URL, { max: e.DB_POOL_MAX ?? 10 });
  }
  return globalForDb.smolituxDb;
}
