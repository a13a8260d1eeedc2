/**
 * `tsx bench/catalog-explain.ts` — EXPLAIN (ANALYZE, BUFFERS) of the catalog search queries on a scratch
 * database seeded like `bench:catalog` (1,000 courses). Prints each plan; drops the database afterwards.
 */
import { randomBytes } from "node:crypto";
import pg from "pg";
import { Prisma, createPrismaClient } from "@smolitux/db";
import { deploy } from "@smolitux/db/migrate";
import { parseCatalogQuery } from "../src/features/catalog/schemas.ts";
import { searchSql } from "../src/features/catalog/search.ts";
import { seedBenchCatalog } from "./catalog-seed.ts";

const CASES: Record<string, string>[] = [
  {},
  { q: "python" },
  { q: "Funktionen Schleifen" },
  { q: "gi" },
  { q: "git", currency: "EUR", minPrice: "1000", maxPrice: "5000", sort: "price_asc" },
  { sort: "rating", level: "beginner" },
];

async function admin(url: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query(sql).finally(() => client.end());
}

async function main(): Promise<void> {
  const adminUrl = process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
  const name = `smolitux_explain_${randomBytes(4).toString("hex")}`;
  const u = new URL(adminUrl);
  u.pathname = `/${name}`;
  await admin(adminUrl, `CREATE DATABASE "${name}"`);
  const db = createPrismaClient(u.toString(), { max: 2 });
  try {
    await deploy(u.toString());
    await seedBenchCatalog(db, 1000);
    for (const raw of CASES) {
      const { query } = parseCatalogQuery(raw);
      const plan = await db.$queryRaw<{ "QUERY PLAN": string }[]>(
        Prisma.sql`EXPLAIN (ANALYZE, BUFFERS) ${searchSql(query).page}`,
      );
      console.log(`\n=== ${JSON.stringify(raw)}`);
      for (const row of plan) console.log(row["QUERY PLAN"]);
    }
  } finally {
    await db.$disconnect();
    await admin(adminUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
