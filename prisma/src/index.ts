/**
 * The generated Prisma client (Prisma 7, `prisma-client` generator, query compiler without a native
 * engine) and a factory that binds it to PostgreSQL through `@prisma/adapter-pg`.
 */
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "../generated/client/client.ts";

export * from "../generated/client/client.ts";

/** Options of {@link createPrismaClient}. */
export interface DbOptions {
  /** pool size per process (default 10) */
  max?: number;
}

/**
 * Creates a Prisma client for the PostgreSQL server at `databaseUrl` (`postgres://…`).
 * The caller owns the client and must `$disconnect()` it.
 */
export function createPrismaClient(databaseUrl: string, options: DbOptions = {}): PrismaClient {
  const adapter = new PrismaPg({ connectionString: databaseUrl, max: options.max ?? 10 });
  return new PrismaClient({ adapter });
}
