/**
 * Per-test-file database for integration tests: a fresh clone of the migrated template on the run's
 * PostgreSQL server (embedded by default, TEST_DATABASE_URL when set). Drop it in afterAll.
 */
import { randomBytes } from "node:crypto";
import pg from "pg";
import { inject } from "vitest";
import { createPrismaClient, type PrismaClient } from "@smolitux/db";
import { withDatabase } from "./setup/global-db.ts";

export interface TestDatabase {
  url: string;
  db: PrismaClient;
  drop(): Promise<void>;
}

/** Creates an empty, fully migrated database for one test file. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const adminUrl = inject("pgAdminUrl");
  const template = inject("pgTemplate");
  const name = `smolitux_t_${randomBytes(6).toString("hex")}`;
  await adminQuery(adminUrl, `CREATE DATABASE "${name}" TEMPLATE "${template}"`);
  const url = withDatabase(adminUrl, name);
  const db = createPrismaClient(url, { max: 5 });
  return {
    url,
    db,
    async drop() {
      await db.$disconnect();
      await adminQuery(adminUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    },
  };
}

async function adminQuery(adminUrl: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}
